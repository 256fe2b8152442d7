/**
 * The built consoles (/admin/) and storefront (/) as a phone on a slow network should get them:
 *
 * - files precompressed at build time (web/vite.compress.ts writes `<file>.br` and `<file>.gz`) are
 *   chosen by the request's Accept-Encoding, with `Vary: Accept-Encoding`; hashed assets are cached
 *   for a year (`immutable`), index.html and the service worker are revalidated every time;
 * - API replies over 1 KB are compressed on the way out (brotli at a fast level, or gzip): a page of
 *   20 products is ~12 KB of JSON that brotli makes ~2 KB;
 * - each shop has its own icon (`/favicon.ico`, `/icons/<size>.png`: its logo, else its initial on its
 *   colour), web manifest (`/manifest.webmanifest`: installable, in its name and colour) and service
 *   worker (`/sw.js`, web/shop/public/sw.js, stamped with the build it caches); none of them, nor any
 *   other missing file, ever answers with the storefront's HTML.
 *
 * What a shop is called and looks like belongs to the storefront module: it contributes
 * `shopIdentity` (core imports no module).
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { config } from './config.js';
import { systemContext, inTenant, type Ctx, type TenantRef } from './context.js';
import { defineHook, namedContribution, runSequence } from './hooks.js';
import { IMAGE_VARIANTS, parseVariantName, squareIcon, type ImageVariant } from './image-variants.js';
import { logger } from './logger.js';
import { LocalStorage, storage, storeVariants } from './storage.js';
import { isPlatformHost, tenantForHost } from './tenancy.js';

// ------------------------------------------------------------------ content negotiation

export type Encoding = 'br' | 'gzip';

/** The encoding to send among those offered: the highest q the client gives, brotli on a tie; null for none. */
export function preferredEncoding(acceptEncoding: string | undefined, offered: readonly Encoding[] = ['br', 'gzip']): Encoding | null {
  if (!acceptEncoding) return null;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const weight = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    if (name) q.set(name.trim(), weight === undefined ? 1 : Number(weight));
  }
  let best: Encoding | null = null;
  let bestQ = 0;
  for (const enc of offered) {
    const weight = q.get(enc) ?? q.get('*') ?? 0;
    if (weight > bestQ) {
      best = enc;
      bestQ = weight;
    }
  }
  return best;
}

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);
const COMPRESS_MIN_BYTES = 1024;
const COMPRESSIBLE_TYPE = /json|text|javascript|xml|csv|manifest/i;

/** A body compressed for this request when it is worth it (sets Content-Encoding and Vary). */
async function encodedBody(req: Request, res: Response, body: Buffer): Promise<Buffer> {
  if (body.length < COMPRESS_MIN_BYTES || res.getHeader('Content-Encoding')) return body;
  res.vary('Accept-Encoding');
  const encoding = preferredEncoding(req.get('accept-encoding'));
  if (!encoding) return body;
  // level 4 / 6: a few hundred microseconds for a page of products, most of the gain of the best levels
  const out = encoding === 'br' ? await brotli(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 4, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }) : await gz(body, { level: 6 });
  res.setHeader('Content-Encoding', encoding);
  return out;
}

/**
 * Compresses what routes answer with `res.json` / `res.send` (the API's replies, its errors): the
 * body is complete there, so it is compressed whole, then sent as it would have been (ETag and
 * freshness come from the compressed bytes, which are the same for the same reply).
 */
export function compressReplies(): RequestHandler {
  return (req, res, next) => {
    const send = res.send.bind(res);
    res.send = function sendCompressed(body?: unknown) {
      const type = String(res.getHeader('Content-Type') ?? '');
      const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.isBuffer(body) ? body : null;
      if (!bytes || req.method === 'HEAD' || res.statusCode === 204 || res.statusCode === 304 || !COMPRESSIBLE_TYPE.test(type)) return send(body);
      if (typeof body === 'string' && !/charset=/i.test(type)) res.setHeader('Content-Type', `${type}; charset=utf-8`);
      res.send = send; // the one real send below, and any later call, go straight through
      encodedBody(req, res, bytes).then(
        (out) => send(out),
        (err: unknown) => next(err),
      );
      return res;
    };
    next();
  };
}

// ------------------------------------------------------------------ built files

export interface BuiltFilesOptions {
  /** Hashed file names: cached for a year and never revalidated. */
  immutable: boolean;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The path under `root` a request path names, or null when it leaves root or is not a plain file name. */
function fileUnder(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.join(root, path.normalize(decoded));
  return file.startsWith(root + path.sep) && !path.basename(file).startsWith('.') ? file : null;
}

const isFile = (file: string) => stat(file).then((s) => s.isFile(), () => false);

/** Sends a built file, its `.br` or `.gz` twin when the client takes it. Resolves false when there is no such file. */
export async function sendBuiltFile(req: Request, res: Response, file: string, cacheControl: string): Promise<boolean> {
  if (!(await isFile(file))) return false;
  res.vary('Accept-Encoding');
  const offered: Encoding[] = [];
  for (const [enc, ext] of [['br', '.br'], ['gzip', '.gz']] as const) if (await isFile(file + ext)) offered.push(enc);
  const encoding = preferredEncoding(req.get('accept-encoding'), offered);
  res.type(path.extname(file));
  res.setHeader('Cache-Control', cacheControl);
  if (encoding) res.setHeader('Content-Encoding', encoding);
  const chosen = encoding ? `${file}${encoding === 'br' ? '.br' : '.gz'}` : file;
  await new Promise<void>((resolve, reject) => res.sendFile(chosen, { cacheControl: false, dotfiles: 'deny' }, (err) => (err && !res.headersSent ? reject(err) : resolve())));
  return true;
}

/** Serves the files under `root` (GET and HEAD), precompressed when possible; anything else goes on. */
export function builtFiles(root: string, options: BuiltFilesOptions): RequestHandler {
  const cacheControl = options.immutable ? IMMUTABLE : 'no-cache';
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const file = fileUnder(root, req.path);
    if (!file) return next();
    sendBuiltFile(req, res, file, cacheControl).then((sent) => (sent ? undefined : next()), next);
  };
}

// ------------------------------------------------------------------ a shop's identity, icons, manifest, service worker

export interface ShopIdentity {
  name: string;
  logoUrl: string | null;
  primaryColor: string;
}

/** What a shop is called and looks like, for its icons and manifest; the storefront module contributes `identity`. */
/**
 * What the storefront's first screen reads from the API, asked for by the page itself (preload
 * links) while its scripts load rather than after they ran: on a phone 150 ms away each read saved
 * is a round trip off the largest paint. `reads` are API paths exactly as the storefront fetches
 * them (a preload is used only by a request for the same URL). The module that designs a shop's
 * home says so (`home: 'designed'`); the default home's readers add theirs only when none did.
 */
export interface FirstScreen {
  home: 'designed' | 'default';
  reads: string[];
  /** The first images it paints (the largest paint), as the storefront's `<picture>` asks for them. */
  images: FirstImage[];
}

/** An uploaded image as a ShopImage shows it: the WebP sizes of `srcset` and the `sizes` rule. */
export interface FirstImage {
  url: string;
  variants: readonly ImageVariant[];
  sizes: string;
}

/** The preload of what a browser taking WebP picks from `<source type="image/webp" srcset sizes>`. */
function imagePreload(image: FirstImage): string | null {
  const set = image.variants.map((v) => [storage().variantUrl(image.url, v, 'webp'), v] as const);
  if (set.some(([u]) => u === image.url)) return null; // an outside URL: no variants to choose among
  const srcset = set.map(([u, v]) => `${u} ${IMAGE_VARIANTS[v]}w`).join(', ');
  return `<link rel="preload" as="image" type="image/webp" imagesrcset="${escapeHtml(srcset)}" imagesizes="${escapeHtml(image.sizes)}" />`;
}
export const storefrontFirstScreen = defineHook<(screen: FirstScreen, ctx: Ctx) => Promise<FirstScreen>>('web.storefront-first-screen', 'sequence');

/** Every storefront page reads the shop and asks for its designed home (a 404 is an answer too). */
const FIRST_READS = ['/shop/store', '/shop/pages/home'];

async function firstScreenLinks(tenant: TenantRef): Promise<string> {
  const screen = await inTenant(systemContext('web'), tenant, (ctx) => runSequence(storefrontFirstScreen, { home: 'default', reads: [...FIRST_READS], images: [] }, ctx)).catch((err: unknown) => {
    logger().warn({ err }, 'storefront first screen: preloads left out');
    return { home: 'default' as const, reads: FIRST_READS, images: [] };
  });
  const reads = screen.reads.map((read) => `<link rel="preload" href="/api/v1${escapeHtml(read)}" as="fetch" crossorigin="anonymous" />`);
  return [...reads, ...screen.images.map(imagePreload).filter((l): l is string => l !== null)].join('\n');
}

export const shopIdentity = defineHook<(ctx: Ctx) => Promise<ShopIdentity>>('web.shop-identity', 'named');

const DEFAULT_COLOR = '#ee0a24';
const PLATFORM_IDENTITY: ShopIdentity = { name: 'S2B2C', logoUrl: null, primaryColor: '#1989fa' };

async function identityOf(tenant: TenantRef): Promise<ShopIdentity> {
  const fromModule = namedContribution(shopIdentity, 'identity');
  if (!fromModule) return { name: tenant.name, logoUrl: null, primaryColor: DEFAULT_COLOR };
  return inTenant(systemContext('web'), tenant, (ctx) => fromModule(ctx));
}

/** The icon sizes asked for: a browser tab, Apple's home screen, Android's home screen and splash. */
export const ICON_SIZES = [32, 180, 192, 512] as const;

const iconCache = new Map<string, Promise<Buffer>>();
const ICON_CACHE_MAX = 400;

/** A shop's square icon at one size, made once per look (logo, colour, name) and kept in memory. */
function iconFor(identity: ShopIdentity, size: number): Promise<Buffer> {
  const key = `${size}|${identity.logoUrl ?? ''}|${identity.primaryColor}|${identity.name}`;
  let icon = iconCache.get(key);
  if (!icon) {
    icon = (async () => squareIcon({ size, logo: identity.logoUrl ? await storage().read(identity.logoUrl).catch(() => null) : null, color: identity.primaryColor, name: identity.name }))();
    icon.catch(() => iconCache.delete(key));
    if (iconCache.size >= ICON_CACHE_MAX) iconCache.delete(iconCache.keys().next().value!);
    iconCache.set(key, icon);
  }
  return icon;
}

/** Names a look: icon URLs carry it, so a new logo or colour is a new URL and the old one may be cached for good. */
const lookVersion = (identity: ShopIdentity) => createHash('sha256').update(`${identity.logoUrl}|${identity.primaryColor}|${identity.name}`).digest('hex').slice(0, 10);

function manifestOf(identity: ShopIdentity): object {
  const v = lookVersion(identity);
  const shortName = [...identity.name].length > 12 ? [...identity.name].slice(0, 12).join('') : identity.name;
  return {
    name: identity.name,
    short_name: shortName,
    lang: 'zh-CN',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#f7f8fa',
    theme_color: identity.primaryColor,
    icons: [192, 512].map((size) => ({ src: `/icons/${size}.png?v=${v}`, sizes: `${size}x${size}`, type: 'image/png', purpose: 'any' })),
  };
}

async function sendIcon(req: Request, res: Response, identity: ShopIdentity, size: number): Promise<void> {
  const png = await iconFor(identity, size);
  // a versioned URL (?v= from the manifest) never changes; /favicon.ico is asked for by its fixed name
  res.setHeader('Cache-Control', req.query.v === lookVersion(identity) ? IMMUTABLE : 'public, max-age=3600');
  res.type('png').send(png);
}

/** The service worker, stamped with the storefront build it serves (its caches are named after it). */
async function serviceWorker(shopDir: string): Promise<string | null> {
  const [sw, index] = await Promise.all([readFile(path.join(shopDir, 'sw.js'), 'utf8').catch(() => null), readFile(path.join(shopDir, 'index.html'), 'utf8').catch(() => '')]);
  if (sw === null) return null;
  const build = createHash('sha256').update(index).digest('hex').slice(0, 12);
  return sw.replaceAll('__BUILD__', build);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// ------------------------------------------------------------------ mounting

const notBuilt = (res: Response, what: string) => res.status(503).type('text/plain').send(`The ${what} has not been built. Run: npm run build:web`);
const notFound = (res: Response) => res.status(404).type('text/plain').send('Not found');
const sendHtml = async (req: Request, res: Response, html: string) => {
  res.setHeader('Cache-Control', 'no-cache');
  res.type('html').send(await encodedBody(req, res, Buffer.from(html, 'utf8')));
};

/** Paths the storefront's fallback never answers: the API, live updates, uploads. */
const NOT_THE_STOREFRONT = /^\/(api|socket\.io|uploads)(\/|$)/;

/**
 * The built consoles (/admin/) and storefront (/) under `webRoot`, picked by host: the platform host
 * (or an IP) is sent to the console; a tenant host gets its storefront, whose hash routes all start
 * at index.html.
 */
export function mountWeb(app: Express, webRoot: string): void {
  const admin = path.join(webRoot, 'admin');
  const shop = path.join(webRoot, 'shop');
  const wrap = (fn: (req: Request, res: Response, next: NextFunction) => Promise<unknown>): RequestHandler => (req, res, next) => void fn(req, res, next).catch(next);

  app.use('/admin/assets', builtFiles(path.join(admin, 'assets'), { immutable: true }), (_req, res) => notFound(res));
  app.use('/assets', builtFiles(path.join(shop, 'assets'), { immutable: true }), (_req, res) => notFound(res));
  app.get(['/admin', '/admin/{*splat}'], wrap(async (req, res) => {
    if (req.path === '/admin') return res.redirect(301, '/admin/');
    if (!(await sendBuiltFile(req, res, path.join(admin, 'index.html'), 'no-cache'))) notBuilt(res, 'console');
  }));

  const tenantOf = async (req: Request): Promise<TenantRef | null> => tenantForHost(req.hostname || '').catch(() => null);
  const platformish = (req: Request) => isPlatformHost(req.hostname || '') || /^[\d.]+$|^\[/.test(req.hostname || '');

  app.get(['/favicon.ico', '/icons/:size.png'], wrap(async (req, res) => {
    const size = req.params.size === undefined ? 32 : Number(req.params.size);
    if (!ICON_SIZES.includes(size as (typeof ICON_SIZES)[number])) return notFound(res);
    const tenant = platformish(req) ? null : await tenantOf(req);
    if (!tenant && !platformish(req)) return notFound(res);
    await sendIcon(req, res, tenant ? await identityOf(tenant) : PLATFORM_IDENTITY, size);
  }));
  app.get('/manifest.webmanifest', wrap(async (req, res) => {
    const tenant = platformish(req) ? null : await tenantOf(req);
    if (!tenant) return notFound(res);
    res.setHeader('Cache-Control', 'no-cache');
    res.type('application/manifest+json').send(await encodedBody(req, res, Buffer.from(JSON.stringify(manifestOf(await identityOf(tenant))))));
  }));
  app.get('/sw.js', wrap(async (req, res) => {
    const sw = await serviceWorker(shop);
    if (sw === null) return notFound(res);
    // revalidated on every visit (browsers check at most daily anyway); scoped to the whole shop
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Service-Worker-Allowed', '/');
    res.type('js').send(await encodedBody(req, res, Buffer.from(sw, 'utf8')));
  }));

  app.get(['/', '/{*splat}'], wrap(async (req, res, next) => {
    if (NOT_THE_STOREFRONT.test(req.path)) return next();
    if (platformish(req)) return res.redirect(302, '/admin/');
    const tenant = await tenantOf(req);
    if (!tenant) return res.status(404).type('text/html').send('<!doctype html><meta charset="utf-8"><title>Not found</title><h1>No shop at this address</h1>');
    // a file the build put at the root (robots.txt, ...), else 404: only pages get the storefront
    if (path.extname(req.path)) {
      const file = fileUnder(shop, req.path);
      if (file && path.basename(file) !== 'index.html' && (await sendBuiltFile(req, res, file, 'public, max-age=3600'))) return;
      return notFound(res);
    }
    const index = await readFile(path.join(shop, 'index.html'), 'utf8').catch(() => null);
    if (index === null) return notBuilt(res, 'storefront');
    // the CDN in front of OSS, for web/shared/images.ts to ask it for resized images
    const cdn = config().oss?.publicBaseUrl;
    const head = [await firstScreenLinks(tenant), cdn ? `<meta name="image-cdn" content="${escapeHtml(cdn)}" />` : ''].filter(Boolean).join('\n');
    const html = index.replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(tenant.name)}</title>`).replace('</head>', `${head}\n</head>`);
    await sendHtml(req, res, html);
  }));
}

/**
 * Makes the variants of an image uploaded before variants existed, on the first request for one
 * (`<hash>@card.webp` when only `<hash>.png` is on disk), once however many ask at the same time.
 */
function variantsOnRequest(dir: string): RequestHandler {
  const store = new LocalStorage(dir);
  const making = new Map<string, Promise<unknown>>();
  const originalOf = async (base: string): Promise<string | null> => {
    for (const ext of ['png', 'jpg', 'jpeg', 'webp', 'gif']) if (await isFile(path.join(dir, `${base}.${ext}`))) return `${base}.${ext}`;
    return null;
  };
  return (req, res, next) => {
    const wanted = parseVariantName(req.path.replace(/^\//, ''));
    const file = wanted && fileUnder(dir, req.path);
    if (!wanted || !file || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    void (async () => {
      if (await isFile(file)) return;
      const key = await originalOf(wanted.base);
      if (!key) return;
      let job = making.get(key);
      if (!job) {
        job = readFile(path.join(dir, key)).then((body) => storeVariants(store, key, body));
        making.set(key, job);
        void job.finally(() => making.delete(key)).catch(() => undefined);
      }
      await job.catch((err: unknown) => logger().warn({ err, key }, 'could not make the variants of an upload'));
    })().then(() => next(), next);
  };
}

/** Uploads: content-hashed keys never change their bytes, so they are cached for good. */
export function mountUploads(app: Express, dir: string): void {
  app.use('/uploads', variantsOnRequest(dir), express.static(dir, { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
}
