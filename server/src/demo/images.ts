/**
 * The demo's pictures, drawn at seed time from SVG with sharp: product photos (a soft studio
 * gradient, the goods drawn in their colour, the name beneath), shop logos, home-page banners and
 * qualification documents. Each is deterministic (the same bytes every start), so the uploads
 * module stores it once whatever the number of seeds.
 */
import sharp from 'sharp';

export type Shape = 'tin' | 'cup' | 'leaf' | 'pot' | 'cake' | 'bag' | 'box' | 'fruit' | 'jar';

const FONT = `'WenQuanYi Micro Hei','Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif`;

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `#rrggbb` mixed toward white (amount > 0) or black (amount < 0). */
export function shade(hex: string, amount: number): string {
  const n = parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(amount >= 0 ? c + (255 - c) * amount : c * (1 + amount));
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map(mix);
  return `#${((1 << 24) + (r! << 16) + (g! << 8) + b!).toString(16).slice(1)}`;
}

function goods(shape: Shape, color: string, label: string): string {
  const dark = shade(color, -0.25);
  const light = shade(color, 0.55);
  const text = escapeXml(label);
  switch (shape) {
    case 'tin':
      return `<rect x="250" y="205" width="300" height="370" rx="26" fill="url(#body)"/>
        <rect x="238" y="168" width="324" height="74" rx="20" fill="${dark}"/>
        <rect x="238" y="226" width="324" height="10" fill="#000" opacity=".12"/>
        <rect x="282" y="300" width="236" height="196" rx="14" fill="#fffaf0" opacity=".94"/>
        <rect x="294" y="312" width="212" height="172" rx="10" fill="none" stroke="${color}" stroke-width="3"/>
        <text x="400" y="${label.length > 2 ? 412 : 420}" font-size="${label.length > 2 ? 56 : 76}" font-family="${FONT}" fill="${dark}" text-anchor="middle" font-weight="bold">${text}</text>
        <rect x="268" y="250" width="20" height="300" rx="10" fill="#fff" opacity=".28"/>`;
    case 'cup':
      return `<ellipse cx="400" cy="548" rx="230" ry="46" fill="${light}" stroke="${dark}" stroke-width="4"/>
        <path d="M225 330 Q230 520 400 532 Q570 520 575 330 Z" fill="url(#body)"/>
        <path d="M568 370 q90 10 70 80 q-18 55 -92 50" fill="none" stroke="${dark}" stroke-width="18" stroke-linecap="round"/>
        <ellipse cx="400" cy="330" rx="175" ry="38" fill="${dark}"/>
        <ellipse cx="400" cy="336" rx="160" ry="28" fill="#c98b2b" opacity=".85"/>
        <path d="M350 270 q-25 -40 0 -80 q25 -40 0 -80 M410 260 q-25 -40 0 -80 q25 -40 0 -80 M470 270 q-25 -40 0 -80" fill="none" stroke="#fff" stroke-width="10" stroke-linecap="round" opacity=".75"/>
        <rect x="255" y="380" width="16" height="110" rx="8" fill="#fff" opacity=".3"/>`;
    case 'leaf': {
      const leaf = (x: number, y: number, r: number, s: number) =>
        `<g transform="translate(${x} ${y}) rotate(${r}) scale(${s})"><path d="M0 -170 C110 -100 110 100 0 170 C-110 100 -110 -100 0 -170Z" fill="url(#body)"/><path d="M0 -160 L0 160" stroke="${dark}" stroke-width="6"/>${[-90, -30, 30, 90].map((v) => `<path d="M0 ${v} L55 ${v - 45} M0 ${v} L-55 ${v - 45}" stroke="${dark}" stroke-width="4" opacity=".6"/>`).join('')}</g>`;
      return leaf(330, 380, -28, 1) + leaf(480, 360, 24, 0.92) + leaf(410, 470, 80, 0.7) + `<path d="M400 560 q-10 40 -40 60" stroke="${dark}" stroke-width="10" fill="none" stroke-linecap="round"/>`;
    }
    case 'pot':
      return `<ellipse cx="400" cy="420" rx="190" ry="150" fill="url(#body)"/>
        <path d="M232 380 Q150 360 140 290 Q200 330 240 330" fill="${color}" stroke="${dark}" stroke-width="6"/>
        <path d="M575 350 q95 0 90 90 q-5 80 -95 85" fill="none" stroke="${dark}" stroke-width="20" stroke-linecap="round"/>
        <ellipse cx="400" cy="282" rx="120" ry="30" fill="${dark}"/>
        <ellipse cx="400" cy="262" rx="82" ry="26" fill="${color}"/>
        <circle cx="400" cy="230" r="22" fill="${dark}"/>
        <ellipse cx="400" cy="568" rx="150" ry="14" fill="${dark}" opacity=".5"/>
        <path d="M300 360 q-30 60 0 130" stroke="#fff" stroke-width="16" fill="none" opacity=".3" stroke-linecap="round"/>`;
    case 'cake':
      return `<circle cx="400" cy="380" r="230" fill="url(#body)"/>
        ${[200, 160, 120, 80].map((r) => `<circle cx="400" cy="380" r="${r}" fill="none" stroke="${dark}" stroke-width="3" opacity=".35" stroke-dasharray="10 14"/>`).join('')}
        <rect x="300" y="300" width="200" height="160" rx="6" fill="#fffaf0" opacity=".95"/>
        <rect x="312" y="312" width="176" height="136" fill="none" stroke="#b71c1c" stroke-width="3"/>
        <text x="400" y="${label.length > 2 ? 398 : 405}" font-size="${label.length > 2 ? 44 : 60}" font-family="${FONT}" fill="#b71c1c" text-anchor="middle" font-weight="bold">${text}</text>`;
    case 'bag':
      return `<path d="M260 200 L540 200 L560 580 Q400 600 240 580 Z" fill="url(#body)"/>
        <path d="M250 200 ${Array.from({ length: 15 }, (_, i) => `L${260 + i * 20} ${i % 2 ? 178 : 200}`).join(' ')} L550 200 L550 228 L250 228 Z" fill="${dark}"/>
        <ellipse cx="400" cy="430" rx="110" ry="90" fill="#fff7e6" opacity=".92"/>
        ${[[360, 410], [420, 400], [395, 460], [440, 455], [350, 462]].map(([x, y]) => `<circle cx="${x}" cy="${y}" r="24" fill="${color}" opacity=".85"/>`).join('')}
        <text x="400" y="310" font-size="${label.length > 3 ? 48 : 60}" font-family="${FONT}" fill="#fff" text-anchor="middle" font-weight="bold">${text}</text>`;
    case 'box':
      return `<rect x="210" y="280" width="380" height="290" rx="14" fill="url(#body)"/>
        <rect x="195" y="230" width="410" height="80" rx="12" fill="${dark}"/>
        <rect x="382" y="230" width="36" height="340" fill="#e8c15a"/>
        <path d="M400 232 q-90 -90 -120 -20 q30 40 120 20 q90 20 120 -20 q-30 -70 -120 20" fill="#e8c15a" stroke="#c79a2b" stroke-width="4"/>
        <rect x="290" y="390" width="220" height="110" rx="10" fill="#fffaf0" opacity=".95"/>
        <text x="400" y="462" font-size="${label.length > 3 ? 44 : 56}" font-family="${FONT}" fill="${dark}" text-anchor="middle" font-weight="bold">${text}</text>`;
    case 'fruit':
      return `<circle cx="330" cy="420" r="130" fill="url(#body)"/>
        <circle cx="480" cy="400" r="120" fill="url(#body)"/>
        <circle cx="410" cy="500" r="110" fill="${shade(color, -0.1)}"/>
        <path d="M480 285 q10 -60 60 -80" stroke="#6b4f2a" stroke-width="10" fill="none" stroke-linecap="round"/>
        <path d="M500 250 q70 -50 120 0 q-60 40 -120 0Z" fill="#3c9a4f"/>
        <circle cx="290" cy="370" r="28" fill="#fff" opacity=".3"/><circle cx="445" cy="350" r="24" fill="#fff" opacity=".3"/>`;
    case 'jar':
      return `<rect x="270" y="260" width="260" height="320" rx="60" fill="url(#body)"/>
        <rect x="300" y="200" width="200" height="70" rx="12" fill="${dark}"/>
        <rect x="300" y="340" width="200" height="150" rx="10" fill="#fffaf0" opacity=".94"/>
        <text x="400" y="430" font-size="${label.length > 2 ? 48 : 64}" font-family="${FONT}" fill="${dark}" text-anchor="middle" font-weight="bold">${text}</text>
        <rect x="290" y="290" width="18" height="250" rx="9" fill="#fff" opacity=".3"/>`;
  }
}

/** An 800x800 product photo: a studio backdrop, the goods, the name and a line beneath. */
export async function productPhoto(opts: { name: string; label: string; caption: string; shape: Shape; color: string; variant?: number }): Promise<Buffer> {
  const { color } = opts;
  const angle = opts.variant ? 30 : 0;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800">
    <defs>
      <radialGradient id="bg" cx="50%" cy="38%" r="75%"><stop offset="0" stop-color="#ffffff"/><stop offset=".6" stop-color="${shade(color, 0.82)}"/><stop offset="1" stop-color="${shade(color, 0.6)}"/></radialGradient>
      <linearGradient id="body" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${shade(color, 0.18)}"/><stop offset="1" stop-color="${shade(color, -0.18)}"/></linearGradient>
      <radialGradient id="shadow"><stop offset="0" stop-color="#000" stop-opacity=".22"/><stop offset="1" stop-color="#000" stop-opacity="0"/></radialGradient>
    </defs>
    <rect width="800" height="800" fill="url(#bg)"/>
    <rect y="610" width="800" height="190" fill="${shade(color, 0.9)}" opacity=".7"/>
    <ellipse cx="400" cy="600" rx="260" ry="34" fill="url(#shadow)"/>
    <g transform="rotate(${angle} 400 400)">${goods(opts.shape, color, opts.label)}</g>
    <text x="400" y="690" font-size="50" font-family="${FONT}" fill="#2b2b2b" text-anchor="middle" font-weight="bold">${escapeXml(opts.name)}</text>
    <text x="400" y="744" font-size="28" font-family="${FONT}" fill="#7a6f66" text-anchor="middle">${escapeXml(opts.caption)}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

/** A square shop logo: the shop's mark on its colour. */
export async function logo(opts: { mark: string; color: string }): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${shade(opts.color, 0.15)}"/><stop offset="1" stop-color="${shade(opts.color, -0.2)}"/></linearGradient></defs>
    <rect width="256" height="256" rx="56" fill="url(#g)"/>
    <circle cx="128" cy="128" r="92" fill="none" stroke="#fff" stroke-width="6" opacity=".5"/>
    <text x="128" y="${128 + 40}" font-size="${opts.mark.length > 1 ? 80 : 112}" font-family="${FONT}" fill="#fff" text-anchor="middle" font-weight="bold">${escapeXml(opts.mark)}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A 750x320 home-page banner: a headline, a line, a drawn motif on the shop's colours. */
export async function banner(opts: { title: string; subtitle: string; color: string; shape: Shape; accent?: string }): Promise<Buffer> {
  const accent = opts.accent ?? shade(opts.color, 0.7);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="750" height="320" viewBox="0 0 750 320">
    <defs>
      <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${shade(opts.color, -0.15)}"/><stop offset="1" stop-color="${shade(opts.color, 0.25)}"/></linearGradient>
      <linearGradient id="body" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${shade(accent, 0.3)}"/><stop offset="1" stop-color="${shade(accent, -0.15)}"/></linearGradient>
    </defs>
    <rect width="750" height="320" fill="url(#bg)"/>
    <circle cx="640" cy="60" r="140" fill="#fff" opacity=".08"/><circle cx="560" cy="300" r="90" fill="#fff" opacity=".07"/>
    <g transform="translate(430 -20) scale(.42)">${goods(opts.shape, accent, '')}</g>
    <text x="48" y="140" font-size="52" font-family="${FONT}" fill="#fff" font-weight="bold">${escapeXml(opts.title)}</text>
    <text x="50" y="196" font-size="26" font-family="${FONT}" fill="#fff" opacity=".9">${escapeXml(opts.subtitle)}</text>
    <rect x="50" y="228" width="150" height="48" rx="24" fill="#fff"/>
    <text x="125" y="260" font-size="24" font-family="${FONT}" fill="${shade(opts.color, -0.2)}" text-anchor="middle" font-weight="bold">立即选购</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer();
}

/** A scanned-looking qualification document: a framed certificate with the company, its code and a red seal. */
export async function documentScan(opts: { title: string; company: string; code: string; lines: string[] }): Promise<Buffer> {
  const rows = opts.lines.map((l, i) => `<text x="110" y="${560 + i * 56}" font-size="28" font-family="${FONT}" fill="#333">${escapeXml(l)}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="1100">
    <rect width="800" height="1100" fill="#f7f3e8"/>
    <rect x="40" y="40" width="720" height="1020" fill="none" stroke="#b8860b" stroke-width="10"/>
    <rect x="62" y="62" width="676" height="976" fill="none" stroke="#b8860b" stroke-width="2"/>
    <text x="400" y="210" font-size="68" font-family="${FONT}" fill="#8b1a1a" text-anchor="middle" font-weight="bold">${escapeXml(opts.title)}</text>
    <text x="400" y="290" font-size="26" font-family="${FONT}" fill="#555" text-anchor="middle">统一社会信用代码 ${escapeXml(opts.code)}</text>
    <text x="110" y="420" font-size="32" font-family="${FONT}" fill="#222">名称：${escapeXml(opts.company)}</text>
    <line x1="110" y1="450" x2="690" y2="450" stroke="#ccc" stroke-width="2"/>
    ${rows}
    <g transform="translate(560 900)" opacity=".85"><circle r="110" fill="none" stroke="#d32f2f" stroke-width="8"/><text y="14" font-size="30" font-family="${FONT}" fill="#d32f2f" text-anchor="middle">登记机关</text><text y="-40" font-size="60" fill="#d32f2f" text-anchor="middle">★</text></g>
    <text x="110" y="980" font-size="22" font-family="${FONT}" fill="#999">演示资料 · 仅用于产品体验</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 70 }).toBuffer();
}
