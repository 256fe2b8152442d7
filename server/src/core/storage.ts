/**
 * Where uploaded files live: local disk under DATA_DIR/uploads (served at /uploads/ with long
 * cache lifetimes: keys are content hashes, so a key never changes its bytes), or Aliyun OSS
 * through ali-oss when OSS_* is set. Callers get a URL back and never see which.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import OSS from 'ali-oss';
import { config, type Config } from './config.js';

export interface Storage {
  readonly kind: 'local' | 'oss';
  put(key: string, body: Buffer, contentType: string): Promise<string>;
}

export function uploadsDir(c: Config = config()): string {
  return path.join(c.dataDir, 'uploads');
}

export class LocalStorage implements Storage {
  readonly kind = 'local' as const;
  constructor(private readonly root: string) {}

  async put(key: string, body: Buffer): Promise<string> {
    const file = path.join(this.root, ...key.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, body);
    return `/uploads/${key}`;
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
  private readonly client: OSS;

  constructor(private readonly settings: OssSettings) {
    const custom = settings.endpoint ? { endpoint: settings.endpoint, cname: true, secure: settings.endpoint.startsWith('https') } : {};
    this.client = new OSS({ region: settings.region, bucket: settings.bucket, accessKeyId: settings.accessKeyId, accessKeySecret: settings.accessKeySecret, timeout: 20_000, ...custom });
  }

  async put(key: string, body: Buffer, contentType: string): Promise<string> {
    const result = await this.client.put(key, body, { headers: { 'Content-Type': contentType, 'Cache-Control': 'public, max-age=31536000, immutable' } });
    return this.settings.publicBaseUrl ? `${this.settings.publicBaseUrl.replace(/\/$/, '')}/${key}` : result.url;
  }
}

let active: Storage | undefined;

export function storage(): Storage {
  const c = config();
  return (active ??= c.oss ? new OssStorage(c.oss) : new LocalStorage(uploadsDir(c)));
}

export function useStorage(next: Storage | undefined): void {
  active = next;
}
