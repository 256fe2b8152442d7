/**
 * An owner's bulk import and how far it got (model.ts, ImportJob). `processed` is also the resume
 * cursor: it moves in the same transaction as each product the import creates, and only from the
 * value the runner last read, so a retried or duplicated run neither creates a product twice nor
 * loses count.
 */
import type { Ctx } from '../../core/context.js';
import { pageOf, type Page, type PageQuery } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import type { Owner } from '../../core/owner.js';
import type { ImportStatus, RowError } from './model.js';
import * as repo from './repository/imports.js';
import type { ImportJobRow, ImportProgress } from './repository/imports.js';

export type { ImportStatus, RowError } from './model.js';
export type ImportJob = ImportJobRow;

/** The API shows, and the row keeps, this many errors; the counts still cover every row. */
export const MAX_KEPT_ERRORS = 500;

export const PRODUCT_IMPORT = 'catalog.products';

export interface ImportView {
  id: number;
  status: ImportStatus;
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  errors?: RowError[];
  createdAt: string;
  updatedAt: string;
}

export function importView(j: ImportJob, withErrors = true): ImportView {
  return {
    id: j.id,
    status: j.status,
    total: j.total,
    processed: j.processed,
    succeeded: j.succeeded,
    failed: j.failed,
    ...(withErrors ? { errors: j.errors.slice(0, MAX_KEPT_ERRORS) } : {}),
    createdAt: j.createdAt.toISOString(),
    updatedAt: j.updatedAt.toISOString(),
  };
}

export async function createImportJob(ctx: Ctx, owner: Owner, total: number, fileKey: string): Promise<ImportJob> {
  return repo.insertImportJob(ctx, { ownerKind: owner.kind, ownerId: owner.id, kind: PRODUCT_IMPORT, status: 'pending', total, errors: [], fileKey });
}

/** Another owner's import is "not found", never "forbidden": ids must not confirm existence. */
export async function ownedImport(ctx: Ctx, owner: Owner, id: number): Promise<ImportJob> {
  const job = await repo.findOwnedImportJob(ctx, owner, id);
  if (!job) throw notFound('Import');
  return job;
}

/** Newest first, without the error lists (each may hold 500 entries). */
export async function listImports(ctx: Ctx, owner: Owner, q: PageQuery): Promise<Page<ImportView>> {
  const { rows, count } = await repo.importJobPage(ctx, owner, q);
  return pageOf(q, rows.map((j) => importView(j, false)), count);
}

export interface Progress extends ImportProgress {
  processed: number;
  succeeded: number;
  failed: number;
  /** Set only when the kept errors changed since the last save: the list is rewritten whole. */
  errors?: RowError[];
  status?: ImportStatus;
}

/**
 * Moves the cursor from `from` to the new progress; false when another run moved it first
 * (the caller then stops, and rolls back whatever it did in the same transaction).
 */
export async function advanceImport(ctx: Ctx, id: number, from: number, progress: Progress): Promise<boolean> {
  return (await repo.advanceImportJob(ctx, id, from, progress)) === 1;
}

export async function findImport(ctx: Ctx, id: number): Promise<ImportJob | null> {
  return repo.findImportJob(ctx, id);
}

export async function setImportStatus(ctx: Ctx, id: number, status: ImportStatus, errors?: RowError[]): Promise<void> {
  await repo.updateImportJob(ctx, id, { status, ...(errors ? { errors } : {}) });
}
