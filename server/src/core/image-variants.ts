/**
 * Resized copies of an uploaded image, made once with sharp, so a 170-pixel card never downloads an
 * 800-pixel original: `thumb` (160 px wide), `card` (400) and `detail` (800), each as WebP and as a
 * fallback in the original's family (JPEG for a JPEG, PNG otherwise: PNG keeps transparency).
 *
 * Names: the variant of `2026/12/<hash>.png` is `2026/12/<hash>@card.webp` (and `@card.png`), next to
 * the original, so the URL of a variant is the original's URL with a suffix (web/shared/images.ts
 * asks for them the same way). Aliyun OSS makes its variants itself from query parameters
 * (core/storage.ts `variantUrl`); these files are the local disk's.
 *
 * Also the square icons of a shop (favicon, home-screen icons): its logo padded on white, or its
 * initial in white on its colour.
 */
import sharp from 'sharp';

export const IMAGE_VARIANTS = { thumb: 160, card: 400, detail: 800 } as const;
export type ImageVariant = keyof typeof IMAGE_VARIANTS;
export type VariantFormat = 'webp' | 'fallback';

const RASTER = /\.(png|jpe?g|gif|webp)$/i;
const VARIANT_NAME = /^(.+)@(thumb|card|detail)\.(webp|jpg|png)$/;

/** The fallback's extension for an original's: a JPEG stays JPEG, anything else (transparency) PNG. */
export function fallbackExt(originalExt: string): 'jpg' | 'png' {
  return /^jpe?g$/i.test(originalExt) ? 'jpg' : 'png';
}

/** The key (or path) of one variant of a raster image's key; null for anything else (a PDF). */
export function variantKey(key: string, variant: ImageVariant, format: VariantFormat): string | null {
  const m = RASTER.exec(key);
  if (!m) return null;
  const base = key.slice(0, -m[0].length);
  return `${base}@${variant}.${format === 'webp' ? 'webp' : fallbackExt(m[1]!)}`;
}

/** A variant's name read back: its original's name without extension, which variant, which format. */
export function parseVariantName(name: string): { base: string; variant: ImageVariant; ext: 'webp' | 'jpg' | 'png' } | null {
  const m = VARIANT_NAME.exec(name);
  return m ? { base: m[1]!, variant: m[2] as ImageVariant, ext: m[3] as 'webp' | 'jpg' | 'png' } : null;
}

export interface MadeVariant {
  variant: ImageVariant;
  format: VariantFormat;
  ext: 'webp' | 'jpg' | 'png';
  mime: string;
  body: Buffer;
}

/** Every variant of an image (its first frame for an animated GIF); never larger than the original. */
export async function makeVariants(original: Buffer, originalExt: string): Promise<MadeVariant[]> {
  const fallback = fallbackExt(originalExt);
  const made: MadeVariant[] = [];
  for (const [variant, width] of Object.entries(IMAGE_VARIANTS) as Array<[ImageVariant, number]>) {
    // rotate(): phone photos carry their orientation in EXIF, which the copies drop
    const resized = () => sharp(original, { failOn: 'none' }).rotate().resize({ width, withoutEnlargement: true });
    const [webp, other] = await Promise.all([
      resized().webp({ quality: 78, effort: 4 }).toBuffer(),
      fallback === 'jpg' ? resized().jpeg({ quality: 80, mozjpeg: true }).toBuffer() : resized().png({ compressionLevel: 9, effort: 7 }).toBuffer(),
    ]);
    made.push({ variant, format: 'webp', ext: 'webp', mime: 'image/webp', body: webp });
    made.push({ variant, format: 'fallback', ext: fallback, mime: fallback === 'jpg' ? 'image/jpeg' : 'image/png', body: other });
  }
  return made;
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A square PNG icon: the logo centred on white with a margin (a maskable icon's safe zone), or the
 * shop's first letter in white on its colour when it has no logo (or the logo cannot be read).
 */
export async function squareIcon(opts: { size: number; logo: Buffer | null; color: string; name: string }): Promise<Buffer> {
  const { size } = opts;
  if (opts.logo) {
    try {
      const inner = Math.round(size * 0.8);
      const logo = await sharp(opts.logo, { failOn: 'none' }).rotate().resize(inner, inner, { fit: 'contain', background: '#ffffff' }).flatten({ background: '#ffffff' }).png().toBuffer();
      return await sharp({ create: { width: size, height: size, channels: 4, background: '#ffffff' } }).composite([{ input: logo, gravity: 'center' }]).png().toBuffer();
    } catch {
      // an unreadable logo: the letter icon below
    }
  }
  const letter = escapeXml([...opts.name.trim()][0]?.toUpperCase() ?? 'S');
  const color = /^#[0-9a-f]{6}$/i.test(opts.color) ? opts.color : '#ee0a24';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100">
    <rect width="100" height="100" rx="22" fill="${color}"/>
    <text x="50" y="50" dy=".35em" font-size="58" font-weight="700" text-anchor="middle" fill="#fff" font-family="'PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei','Noto Sans CJK SC',sans-serif">${letter}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
