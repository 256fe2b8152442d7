/**
 * Where uploaded files live: local disk under DATA_DIR/uploads (served at /uploads/ with long
 * cache lifetimes: keys are content hashes, so a key never changes its bytes), or Aliyun OSS
 * through ali-oss when OSS_* is set. Callers get a URL back and never see which.
 *
 * Resized variants of an image (core/image-variants.ts): the local disk keeps them as files next to
 * the original (`<hash>@card.webp`), made at upload; OSS makes them on request from its documented
 * image processing parameters (`?x-oss-process=image/resize,w_400/format,webp`), so nothing more is
 * stored there. `variantUrl` gives either from the original's URL.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import OSS from 'ali-oss';
import { config, type Config } from './config.js';
import { IMAGE_VARIANTS, makeVariants, variantKey, type ImageVariant, type VariantFormat } from './image-variants.js';

export interface Storage {
  readonly kind: 'local' | 'oss';
  /** Whether resized variants must be stored at upload (the local disk) or are made on request (OSS). */
  readonly storesVariants: boolean;
  put(key: string, body: Buffer, contentType: string): Promise<string>;
  /** The bytes behind a URL this storage handed out (a shop's logo for its icons), or null. */
  read(url: string): Promise<Buffer | null>;
  /** The URL of an image's resized variant; a URL this storage did not hand out comes back as it was. */
  variantUrl(url: string, variant: ImageVariant, format: VariantFormat): string;
}

const LOCAL_PREFIX = '/uploads/';

export function uploadsDir(c: Config = config()): string {
  return path.join(c.dataDir, 'uploads');
}

export class LocalStorage implements Storage {
  readonly kind = 'local' as const;
  readonly storesVariants = true;
  constructor(private readonly root: string) {}

  /** Written under a temporary name first: a reader never sees half a file (variants are made while served). */
  async put(key: string, body: Buffer): Promise<string> {
    const file = this.fileOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
    await writeFile(partial, body);
    await rename(partial, file);
    return `${LOCAL_PREFIX}${key}`;
  }

  async read(url: string): Promise<Buffer | null> {
    const key = this.keyOf(url);
    return key ? readFile(this.fileOf(key)).catch(() => null) : null;
  }

  variantUrl(url: string, variant: ImageVariant, format: VariantFormat): string {
    const key = this.keyOf(url);
    const variantOf = key && variantKey(key, variant, format);
    return variantOf ? `${LOCAL_PREFIX}${variantOf}` : url;
  }

  /** The file of a key, never outside the root (`..` segments are refused by keyOf). */
  fileOf(key: string): string {
    return path.join(this.root, ...key.split('/'));
  }

  private keyOf(url: string): string | null {
    if (!url.startsWith(LOCAL_PREFIX)) return null;
    const key = url.slice(LOCAL_PREFIX.length).split(/[?#]/)[0]!;
    return key.split('/').every((part) => part && part !== '.' && part !== '..') ? key : null;
  }
}

export interface OssSettings {
  region: string;
  bucket: string;
  accessKeyId: string;
  accessKeySecret: string;
  endpoint?: string;
  publicBaseUrl?: string;
}

export class OssStorage implements Storage {
  readonly kind = 'oss' as const;
  readonly storesVariants = false;
  private readonly client: OSS;

  constructor(private readonly settings: OssSettings) {
    const custom = settings.endpoint ? { endpoint: settings.endpoint, cname: true, secure: settings.endpoint.startsWith('https') } : {};
    this.client = new OSS({ region: settings.region, bucket: settings.bucket, accessKeyId: settings.accessKeyId, accessKeySecret: settings.accessKeySecret, timeout: 20_000, ...custom });
  }

  async put(key: string, body: Buffer, contentType: string): Promise<string> {
    const result = await this.client.put(key, body, { headers: { 'Content-Type': contentType, 'Cache-Control': 'public, max-age=31536000, immutable' } });
    return this.settings.publicBaseUrl ? `${this.settings.publicBaseUrl.replace(/\/$/, '')}/${key}` : result.url;
  }

  async read(url: string): Promise<Buffer | null> {
    const key = this.keyOf(url);
    if (!key) return null;
    const got = await this.client.get(key).catch(() => null);
    return got?.content ? Buffer.from(got.content as Buffer) : null;
  }

  /** OSS image processing: `resize,w_<width>` keeps the aspect ratio and never enlarges by default. */
  variantUrl(url: string, variant: ImageVariant, format: VariantFormat): string {
    if (!this.keyOf(url) || !/\.(png|jpe?g|gif|webp)$/i.test(url.split('?')[0]!)) return url;
    const process = `image/resize,w_${IMAGE_VARIANTS[variant]}${format === 'webp' ? '/format,webp' : ''}`;
    return `${url.split('?')[0]}?x-oss-process=${process}`;
  }

  /** The object key of a URL of this bucket (its public base URL, or its own endpoint), else null. */
  private keyOf(url: string): string | null {
    const bases = [this.settings.publicBaseUrl, `https://${this.settings.bucket}.${this.settings.region}.aliyuncs.com`, `http://${this.settings.bucket}.${this.settings.region}.aliyuncs.com`]
      .filter((b): b is string => Boolean(b))
      .map((b) => `${b.replace(/\/$/, '')}/`);
    const base = bases.find((b) => url.startsWith(b));
    return base ? decodeURIComponent(url.slice(base.length).split(/[?#]/)[0]!) || null : null;
  }
}

/**
 * Makes and stores the resized variants of a raster image stored under `key`, where the storage
 * keeps them as files (the local disk); OSS makes its own. Answers how many were stored.
 */
export async function storeVariants(store: Storage, key: string, original: Buffer): Promise<number> {
  const ext = /\.(png|jpe?g|gif|webp)$/i.exec(key)?.[1];
  if (!store.storesVariants || !ext) return 0;
  const made = await makeVariants(original, ext);
  await Promise.all(made.map((v) => store.put(variantKey(key, v.variant, v.format)!, v.body, v.mime)));
  return made.length;
}

let active: Storage | undefined;

export function storage(): Storage {
  const c = config();
  return (active ??= c.oss ? new OssStorage(c.oss) : new LocalStorage(uploadsDir(c)));
}

export function useStorage(next: Storage | undefined): void {
  active = next;
}
