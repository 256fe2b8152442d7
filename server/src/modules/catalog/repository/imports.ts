/** Bulk import jobs: an owner's imports and the cursor each one moves (model.ts, ImportJob). */
import type { Ctx } from '../../../core/context.js';
import { inTx, paginate, type PageQuery } from '../../../core/db/index.js';
import type { Owner, OwnerKind } from '../../../core/owner.js';
import { ImportJob, type ImportStatus, type RowError } from '../model.js';

export interface ImportJobRow {
  id: number;
  ownerKind: OwnerKind;
  ownerId: number;
  kind: string;
  status: ImportStatus;
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  errors: RowError[];
  fileKey: string;
  createdAt: Date;
  updatedAt: Date;
}

const importRow = (j: ImportJob): ImportJobRow => ({
  id: j.id,
  ownerKind: j.ownerKind,
  ownerId: j.ownerId,
  kind: j.kind,
  status: j.status,
  total: j.total,
  processed: j.processed,
  succeeded: j.succeeded,
  failed: j.failed,
  errors: j.errors,
  fileKey: j.fileKey,
  createdAt: j.createdAt,
  updatedAt: j.updatedAt,
});

export async function insertImportJob(ctx: Ctx, fields: Pick<ImportJobRow, 'ownerKind' | 'ownerId' | 'kind' | 'status' | 'total' | 'errors' | 'fileKey'>): Promise<ImportJobRow> {
  return importRow(await ImportJob.create(fields, inTx(ctx)));
}

export async function findImportJob(ctx: Ctx, id: number): Promise<ImportJobRow | null> {
  const j = await ImportJob.findByPk(id, inTx(ctx));
  return j ? importRow(j) : null;
}

export async function findOwnedImportJob(ctx: Ctx, owner: Owner, id: number): Promise<ImportJobRow | null> {
  const j = await ImportJob.findOne({ where: { id, ownerKind: owner.kind, ownerId: owner.id }, ...inTx(ctx) });
  return j ? importRow(j) : null;
}

/** An owner's imports, newest first, and the total. */
export async function importJobPage(ctx: Ctx, owner: Owner, page: PageQuery): Promise<{ rows: ImportJobRow[]; count: number }> {
  const { rows, count } = await ImportJob.findAndCountAll({ where: { ownerKind: owner.kind, ownerId: owner.id }, order: [['id', 'DESC']], ...paginate(page), ...inTx(ctx) });
  return { rows: rows.map(importRow), count };
}

export type ImportProgress = Partial<Pick<ImportJobRow, 'processed' | 'succeeded' | 'failed' | 'errors' | 'status'>>;

/** Writes the progress where the cursor still reads `from`; the number of rows changed (0 or 1). */
export async function advanceImportJob(ctx: Ctx, id: number, from: number, progress: ImportProgress): Promise<number> {
  const [count] = await ImportJob.update(progress, { where: { id, processed: from }, ...inTx(ctx) });
  return count;
}

export async function updateImportJob(ctx: Ctx, id: number, changes: Pick<ImportProgress, 'status' | 'errors'>): Promise<void> {
  await ImportJob.update(changes, { where: { id }, ...inTx(ctx) });
}
