import { createHash } from 'node:crypto';
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { storage, storeVariants } from '../../core/storage.js';
import { detectFileType } from './file-types.js';
import * as repo from './repository.js';

export interface UploadedFile {
  url: string;
  mime: string;
  size: number;
}

/**
 * Stores a file whose type is proven by its bytes; the same bytes twice make one stored object. An
 * image also gets its resized variants (thumb 160, card 400, detail 800; WebP and a JPEG/PNG
 * fallback) where the storage keeps them (core/storage.ts `storeVariants`; OSS makes its own).
 */
export async function storeUpload(ctx: Ctx, file: { buffer: Buffer; originalname?: string }): Promise<UploadedFile> {
  const type = detectFileType(file.buffer);
  if (!type) throw new AppError(415, 'unsupported_media_type', 'Only PNG, JPEG, GIF, WebP images and PDF documents can be uploaded', [{ field: 'file', message: 'unsupported file type' }]);
  if (file.buffer.length > type.maxBytes) throw new AppError(413, 'payload_too_large', `A ${type.ext} file may be ${type.maxBytes / 1048576} MB at most`, [{ field: 'file', message: 'too large' }]);
  const digest = createHash('sha256').update(file.buffer).digest('hex');
  const now = clock.now();
  const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${digest.slice(0, 40)}.${type.ext}`;
  const storedUrl = await repo.urlOfStoredKey(ctx, key);
  const url = storedUrl ?? (await storage().put(key, file.buffer, type.mime));
  // a file sharp cannot read (a truncated image whose header passed) is still stored; its variants are not
  if (!storedUrl) await storeVariants(storage(), key, file.buffer).catch(() => 0);
  const actor = ctx.actor as { kind: string; id?: number; tenantId?: number };
  // the route serves any host: a shop's people upload for their shop (chat checks an image is its own)
  await repo.insertUpload(ctx, { uploaderKind: actor.kind, uploaderId: actor.id ?? 0, tenantId: ctx.tenantId ?? actor.tenantId ?? null, storage: storage().kind, storageKey: key, url, mime: type.mime, size: file.buffer.length, originalName: file.originalname?.slice(0, 255) ?? null }).catch((err: Error) => {
    if (err.name !== 'SequelizeUniqueConstraintError') throw err;
  });
  return { url, mime: type.mime, size: file.buffer.length };
}

/**
 * For other modules: whether `url` is an image uploaded here by this shop's people (its staff or
 * shoppers), so a message can show it without pointing at anything on the internet. The same bytes
 * are stored once; each shop that uploaded them has its own record.
 */
export async function isShopImage(ctx: Ctx, url: string): Promise<boolean> {
  if (ctx.tenantId == null) return false;
  const upload = await repo.shopUploadByUrl(ctx, url, ctx.tenantId);
  return !!upload && upload.mime.startsWith('image/');
}
