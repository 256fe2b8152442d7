/**
 * Asking for an uploaded image at the size a screen shows it (the server's side is
 * server/src/core/image-variants.ts and core/storage.ts `variantUrl`):
 *
 * - on the platform's own disk (`/uploads/2026/12/<hash>.png`) each image has files `<hash>@thumb`,
 *   `@card` and `@detail` (160, 400 and 800 px wide), as `.webp` and as a fallback (`.jpg` for a
 *   JPEG, `.png` otherwise); one uploaded before variants existed gets them on first request;
 * - in Aliyun OSS (a `*.aliyuncs.com` URL, or under the CDN base the server names in
 *   `<meta name="image-cdn">`) OSS resizes on request: `?x-oss-process=image/resize,w_400/format,webp`;
 * - any other URL (pasted from elsewhere) is used as it is.
 */
export const IMAGE_WIDTHS = { thumb: 160, card: 400, detail: 800 } as const;
export type ImageSize = keyof typeof IMAGE_WIDTHS;
export type ImageFormat = 'webp' | 'fallback';

const LOCAL = /^(\/uploads\/[^?#]+)\.(png|jpe?g|gif|webp)$/i;
const RASTER_PATH = /\.(png|jpe?g|gif|webp)$/i;

function cdnBases(): string[] {
  if (typeof document === 'undefined') return [];
  return [...document.querySelectorAll<HTMLMetaElement>('meta[name="image-cdn"]')].map((m) => m.content.replace(/\/$/, '') + '/').filter((b) => b.length > 1);
}

function processedByOss(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && RASTER_PATH.test(u.pathname) && (u.hostname.endsWith('.aliyuncs.com') || cdnBases().some((b) => url.startsWith(b)));
  } catch {
    return false;
  }
}

/** The URL of an image at a size, as WebP or as its fallback; undefined for no image. */
export function imageUrl(url: string | null | undefined, size: ImageSize, format: ImageFormat = 'webp'): string | undefined {
  if (!url) return undefined;
  const local = LOCAL.exec(url);
  if (local) return `${local[1]}@${size}.${format === 'webp' ? 'webp' : /^jpe?g$/i.test(local[2]!) ? 'jpg' : 'png'}`;
  if (processedByOss(url)) return `${url.split('?')[0]}?x-oss-process=image/resize,w_${IMAGE_WIDTHS[size]}${format === 'webp' ? '/format,webp' : ''}`;
  return url;
}

/** Whether the image has variants at all (an outside URL has one size only). */
export function hasVariants(url: string | null | undefined): boolean {
  return Boolean(url && (LOCAL.test(url) || processedByOss(url)));
}

/** A `srcset` of the sizes given (`…@thumb.webp 160w, …@card.webp 400w`), for the browser to pick by screen density. */
export function srcset(url: string | null | undefined, sizes: readonly ImageSize[], format: ImageFormat = 'webp'): string | undefined {
  if (!url || !hasVariants(url)) return undefined;
  return sizes.map((s) => `${imageUrl(url, s, format)} ${IMAGE_WIDTHS[s]}w`).join(', ');
}
