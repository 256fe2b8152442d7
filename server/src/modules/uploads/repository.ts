/** The record of stored files (a platform table: a file may be sent outside any shop). */
import type { Ctx } from '../../core/context.js';
import { inTx } from '../../core/db/index.js';
import { Upload } from './model.js';

export interface UploadRow {
  uploaderKind: string;
  uploaderId: number;
  tenantId: number | null;
  storage: string;
  storageKey: string;
  url: string;
  mime: string;
  size: number;
  originalName: string | null;
}

/** The URL of the object stored under `storageKey`, if one is. */
export async function urlOfStoredKey(ctx: Ctx, storageKey: string): Promise<string | null> {
  const row = await Upload.findOne({ where: { storageKey }, ...inTx(ctx) });
  return row ? row.url : null;
}

/** Records a stored file for its shop; the same key twice for one shop is refused by the unique key (UniqueConstraintError). */
export async function insertUpload(ctx: Ctx, row: UploadRow): Promise<void> {
  await Upload.create({ ...row, shopScope: row.tenantId ?? 0 }, inTx(ctx));
}

/** The record of the file at this URL uploaded for this shop, if it was (the index on url). */
export async function shopUploadByUrl(ctx: Ctx, url: string, tenantId: number): Promise<Pick<UploadRow, 'tenantId' | 'mime' | 'uploaderKind'> | null> {
  const row = await Upload.findOne({ attributes: ['tenantId', 'mime', 'uploaderKind'], where: { url, shopScope: tenantId }, ...inTx(ctx) });
  return row ? { tenantId: row.tenantId, mime: row.mime, uploaderKind: row.uploaderKind } : null;
}
