/**
 * The mini-program's line icons, drawn here as SVG and rendered to PNG with sharp into
 * web/miniprogram/src/assets/icons/ (the PNGs are committed: WeChat's <image> and tab bar want
 * bitmaps, and the build only copies them). Twice the size they are shown at (in px of a 375-wide
 * phone), transparent, one neutral dark grey stroke so they read on white cards; the badges drawn over
 * them carry the shop's colour. Palette PNGs keep each under ~1 KB (the main package counts).
 *
 *   npx tsx scripts/miniprogram/icons.ts
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../web/miniprogram/src/assets/icons');
const INK = '#323233';

/** Paths on a 24-unit grid, as line icon sets draw them (1.5 stroke, round joins). */
const ICONS: Record<string, { size: number; svg: string; ink?: string }> = {
  // 我的 -> the hero's avatar of a shopper without a picture or nickname (white on the shop's colour)
  'avatar-default': {
    size: 64,
    ink: '#ffffff',
    svg: '<circle cx="12" cy="8.5" r="4"/><path d="M4.5 20.5a7.5 7.5 0 0 1 15 0"/>',
  },
  // 我的 -> order shortcuts (shown at 28 px): wallet, parcel, truck, a bubble with a tick
  'order-pending_payment': {
    size: 56,
    svg: '<path d="M18 7V5.5A1.5 1.5 0 0 0 16.5 4H5.5A2.5 2.5 0 0 0 3 6.5"/><rect x="3" y="7" width="18" height="13" rx="2.5"/><path d="M21 11h-4.5a2 2 0 0 0 0 4H21"/><circle cx="16.75" cy="13" r=".6" fill="currentColor"/>',
  },
  'order-paid': {
    size: 56,
    svg: '<path d="M12 3l8.5 4.5v9L12 21l-8.5-4.5v-9z"/><path d="M3.5 7.5L12 12l8.5-4.5M12 12v9M7.75 5.25l8.5 4.5v3"/>',
  },
  'order-shipped': {
    size: 56,
    svg: '<path d="M2.5 16V7a2 2 0 0 1 2-2H14v11M14 8.5h4l3 3.5v4"/><path d="M2.5 16h1.5M9 16h5.5M19.5 16h1.5"/><circle cx="6.5" cy="16.5" r="2.25"/><circle cx="17" cy="16.5" r="2.25"/>',
  },
  'order-received': {
    size: 56,
    svg: '<path d="M4 6a2 2 0 0 1 2-2h12a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-7.5L6.5 20.5V17H6a2 2 0 0 1-2-2z"/><path d="M8.5 10.5l2.5 2.5 4.5-4.5"/>',
  },
  // 我的 -> menu rows (shown at 20 px): pin, headset, globe
  'menu-addresses': {
    size: 40,
    svg: '<path d="M12 21s-6.5-5.75-6.5-11a6.5 6.5 0 0 1 13 0c0 5.25-6.5 11-6.5 11z"/><circle cx="12" cy="10" r="2.25"/>',
  },
  'menu-service': {
    size: 40,
    svg: '<path d="M4.5 14v-2a7.5 7.5 0 0 1 15 0v2"/><rect x="3.5" y="13" width="4" height="6" rx="1.5"/><rect x="16.5" y="13" width="4" height="6" rx="1.5"/><path d="M18.5 19c0 1.25-1.5 2-3.5 2h-2"/>',
  },
  'menu-language': {
    size: 40,
    svg: '<circle cx="12" cy="12" r="8.5"/><ellipse cx="12" cy="12" rx="3.75" ry="8.5"/><path d="M3.5 12h17M5 7.5h14M5 16.5h14"/>',
  },
};

const svgOf = (body: string, size: number, ink: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 24 24" fill="none" stroke="${ink}" color="${ink}" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

for (const [name, { size, svg, ink = INK }] of Object.entries(ICONS)) {
  const file = path.join(OUT, `${name}.png`);
  const info = await sharp(Buffer.from(svgOf(svg, size, ink)), { density: 72 })
    .png({ palette: true, colours: 32, compressionLevel: 9 })
    .toFile(file);
  console.log(`${file} ${info.width}x${info.height} ${info.size} B`);
}
