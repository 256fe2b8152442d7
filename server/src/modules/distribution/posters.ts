/**
 * Share links and posters (分享海报) of a distributor: a link to the storefront carrying the
 * distributor's invite code (`?inviter=CODE`), and a PNG drawn on the server (an SVG composed with
 * the shop's name, the product's image, title and price, the invite code and a QR code of the link)
 * that the shopper saves and posts in WeChat.
 *
 * A poster is a pure function of what it draws, so it is kept in the shared cache under a hash of
 * exactly that: a crowd asking for the same product's poster costs one render, and a changed price,
 * title or image draws a new one (the old key simply expires).
 *
 * A shop with a mini-program gets its mini-program code on the poster (getwxacodeunlimit, the
 * scene `p=<product>&i=<invite code>` the mini-program's launch reads back and binds with); any
 * other shop the H5 QR code of the share link, which WeChat's long-press also opens.
 */
import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import sharp, { type OverlayOptions } from 'sharp';
import { cache } from '../../core/cache.js';
import { storage } from '../../core/storage.js';
import { tenantUrl } from '../../core/tenancy.js';
import { fenToYuan, type Fen } from '../../core/money.js';

export interface PosterProduct {
  id: number;
  title: string;
  price: Fen;
  /** The listing's main image as the storage handed it out (read back through the storage). */
  image: string | null;
}

export interface PosterInput {
  shopName: string;
  inviteCode: string;
  link: string;
  product: PosterProduct | null;
  /** What the distributor earns on one sale (分享赚), shown on product posters when known. */
  earn?: Fen | null;
  /** The shop's mini-program code (PNG) carrying the share's scene, drawn instead of the H5 QR code. */
  miniCode?: { scene: string; png: Buffer } | null;
}

/** The storefront address a share opens, with the inviter's code where the storefront reads it first. */
export function shareLink(slug: string, inviteCode: string, productId?: number | null): string {
  const page = productId ? `/products/${productId}` : '/';
  return tenantUrl(slug, `/?inviter=${encodeURIComponent(inviteCode)}#${page}`);
}

const WIDTH = 750;
const HEIGHT = 1200;
const PAD = 48;
const IMAGE = WIDTH - PAD * 2;
/** A product's picture is cut to this height so title, price and the code fit below it. */
const IMAGE_HEIGHT = 500;
const QR = 240;
const FONT = `'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'PingFang SC', 'Microsoft YaHei', sans-serif`;
const POSTER_TTL_SECONDS = 7 * 86_400;

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
const yuan = (fen: Fen) => `¥${fenToYuan(fen)}`;

/** Splits a title into at most `lines` lines of about `width` full-width characters (a Latin letter counts half). */
export function wrapTitle(title: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let line = '';
  let used = 0;
  for (const ch of Array.from(title.trim())) {
    const w = /[\u0000-\u00ff]/.test(ch) ? 0.55 : 1;
    if (used + w > width) {
      out.push(line);
      if (out.length === lines) break;
      line = '';
      used = 0;
    }
    line += ch;
    used += w;
  }
  if (out.length < lines && line) out.push(line);
  else if (out.length === lines && Array.from(out.join('')).length < Array.from(title.trim()).length) {
    out[lines - 1] = `${Array.from(out[lines - 1]!).slice(0, -1).join('')}…`;
  }
  return out;
}

async function productImage(url: string | null): Promise<Buffer | null> {
  if (!url) return null;
  const bytes = await storage().read(url).catch(() => null);
  if (!bytes) return null;
  return sharp(bytes).resize(IMAGE, IMAGE_HEIGHT, { fit: 'cover' }).png().toBuffer().catch(() => null);
}

function posterSvg(input: PosterInput, hasImage: boolean): string {
  const text = (x: number, y: number, size: number, body: string, extra = '') =>
    `<text x="${x}" y="${y}" font-size="${size}" font-family="${escapeXml(FONT)}" ${extra}>${escapeXml(body)}</text>`;
  const parts: string[] = [
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<rect width="${WIDTH}" height="120" fill="#ee0a24"/>`,
    text(PAD, 76, 40, input.shopName, 'fill="#ffffff" font-weight="bold"'),
  ];
  const top = 120 + PAD;
  if (input.product) {
    if (!hasImage) parts.push(`<rect x="${PAD}" y="${top}" width="${IMAGE}" height="${IMAGE_HEIGHT}" fill="#f2f3f5"/>`, text(WIDTH / 2, top + IMAGE_HEIGHT / 2, 36, input.shopName, 'fill="#c8c9cc" text-anchor="middle"'));
    const titleTop = top + IMAGE_HEIGHT + 56;
    wrapTitle(input.product.title, 17, 2).forEach((line, i) => parts.push(text(PAD, titleTop + i * 48, 36, line, 'fill="#323233"')));
    parts.push(text(PAD, titleTop + 124, 48, yuan(input.product.price), 'fill="#ee0a24" font-weight="bold"'));
    if (input.earn) parts.push(text(WIDTH - PAD, titleTop + 120, 30, `分享赚 ${yuan(input.earn)}`, 'fill="#ff976a" text-anchor="end"'));
  } else {
    parts.push(
      `<rect x="${PAD}" y="${top}" width="${IMAGE}" height="${IMAGE_HEIGHT + 120}" rx="24" fill="#fff1f0"/>`,
      text(WIDTH / 2, top + 260, 56, input.shopName, 'fill="#ee0a24" font-weight="bold" text-anchor="middle"'),
      text(WIDTH / 2, top + 350, 36, '好物精选 · 邀你一起逛', 'fill="#646566" text-anchor="middle"'),
    );
  }
  const qrTop = HEIGHT - QR - PAD;
  parts.push(
    `<line x1="${PAD}" y1="${qrTop - 28}" x2="${WIDTH - PAD}" y2="${qrTop - 28}" stroke="#ebedf0" stroke-width="2"/>`,
    text(PAD + QR + 40, qrTop + 80, 32, input.miniCode ? '长按识别小程序码' : '长按识别二维码', 'fill="#323233"'),
    text(PAD + QR + 40, qrTop + 136, 28, `邀请码 ${input.inviteCode}`, 'fill="#969799"'),
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">${parts.join('')}</svg>`;
}

/** Draws one poster; kept apart so a test can count the renders. */
export const painter = {
  async render(input: PosterInput): Promise<Buffer> {
    const [qr, image] = await Promise.all([
      input.miniCode ? sharp(input.miniCode.png).resize(QR, QR, { fit: 'contain', background: '#ffffff' }).png().toBuffer() : QRCode.toBuffer(input.link, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: QR }),
      input.product ? productImage(input.product.image) : Promise.resolve(null),
    ]);
    const layers: OverlayOptions[] = [{ input: qr, left: PAD, top: HEIGHT - QR - PAD }];
    if (image) layers.push({ input: image, left: PAD, top: 120 + PAD });
    return sharp(Buffer.from(posterSvg(input, image !== null))).composite(layers).png({ compressionLevel: 9 }).toBuffer();
  },
};

/** The cache key of a poster: a hash of everything it draws. */
export function posterKey(tenantId: number, input: PosterInput): string {
  const code = input.miniCode ? createHash('sha256').update(input.miniCode.png).digest('hex') : null;
  const drawn = JSON.stringify([input.shopName, input.inviteCode, input.link, input.product, input.earn ?? null, code]);
  return `distribution:poster:${tenantId}:${createHash('sha256').update(drawn).digest('hex').slice(0, 32)}`;
}

/** The poster's PNG, drawn once per distinct content and then served from the cache. */
export async function poster(tenantId: number, input: PosterInput): Promise<Buffer> {
  const key = posterKey(tenantId, input);
  const kept = await cache().get(key);
  if (kept) return Buffer.from(kept, 'base64');
  const png = await painter.render(input);
  await cache().set(key, png.toString('base64'), POSTER_TTL_SECONDS);
  return png;
}
