/**
 * Bulk product import. The upload is read once to refuse what is not a product sheet and to count
 * its rows, kept under DATA_DIR/imports, and handed to a durable job. The job creates each product
 * with createProduct in its own transaction (one bad product never stops the others) and runs in
 * bounded slices: a slice stops after `importPacing` rows or seconds, well inside the job lease,
 * and schedules the next one, which resumes at the import's cursor.
 *
 * Why a private directory and not core/storage: storage serves every key publicly at /uploads/ (or
 * a public OSS URL) and cannot read back; a sheet of supply prices is neither public nor needed
 * after the import. The cost: API nodes and workers must share DATA_DIR, as they do in embedded mode.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clock } from '../../core/clock.js';
import { config } from '../../core/config.js';
import type { Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/db/index.js';
import { toAppError } from '../../core/error-middleware.js';
import { ValidationError } from '../../core/errors.js';
import { scheduleJob, type JobHandler } from '../../core/jobs.js';
import { supplierStatus } from '../suppliers/index.js';
import { advanceImport, createImportJob, findImport, MAX_KEPT_ERRORS, setImportStatus, type ImportJob, type ImportStatus, type RowError } from './import-job.js';
import { groupRows, productInputOf, rowErrorsOf, type ProductGroup } from './import-rows.js';
import type { Owner } from '../../core/owner.js';
import { createProduct } from './product-service.js';
import { layoutOf, type Layout } from './sheet-format.js';
import { readSheet } from './sheet-io.js';

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;
export const IMPORT_JOB = 'catalog.import-products';
const MAX_ATTEMPTS = 5;

/** How much one job run does before handing over to the next (tests shrink it to see slices). */
export const importPacing = { rowsPerRun: 5_000, msPerRun: 60_000, saveEveryRows: 50 };

const importsDir = () => path.join(config().dataDir, 'imports');
const fileOf = (key: string) => path.join(importsDir(), key);

export interface ImportStarted {
  id: number;
  status: ImportStatus;
  total: number;
}

/**
 * Products are submitted for review when the supplier is approved (as POST /supplier/products
 * does), and kept as drafts when it is not yet or when the caller asks for drafts.
 */
export async function startProductImport(ctx: Ctx, owner: Owner, bytes: Buffer, options: { draft: boolean }): Promise<ImportStarted> {
  const sheet = await readSheet(bytes, MAX_IMPORT_ROWS);
  layoutOf(sheet.headers);
  if (!sheet.rows.length) throw ValidationError.field('file', 'no product rows under the header row');
  const submit = !options.draft && owner.kind === 'supplier' && (await supplierStatus(ctx, owner.id)) === 'approved';
  const fileKey = `${randomUUID()}.${sheet.format}`;
  await mkdir(importsDir(), { recursive: true });
  await writeFile(fileOf(fileKey), bytes);
  try {
    const job = await withTransaction(ctx, async (tx) => {
      const created = await createImportJob(tx, owner, sheet.rows.length, fileKey);
      await scheduleJob(tx, IMPORT_JOB, clock.now(), { importId: created.id, submit }, { maxAttempts: MAX_ATTEMPTS });
      return created;
    });
    return { id: job.id, status: job.status, total: job.total };
  } catch (err) {
    await rm(fileOf(fileKey), { force: true });
    throw err;
  }
}

/** Why a whole import failed goes first, where a full list of row errors cannot push it out; row 0 is the file. */
const fileError = (errors: RowError[], code: string, message: string): RowError[] => [{ row: 0, field: 'file', message, code }, ...errors].slice(0, MAX_KEPT_ERRORS);

/** Another run moved the cursor first; this one stops and leaves the import to it. */
class Superseded extends Error {}

/** The import's counts as this run knows them; `saved` is the cursor value the database holds. */
class Tally {
  processed: number;
  succeeded: number;
  failed: number;
  errors: RowError[];
  saved: number;
  private errorsChanged = false;

  constructor(job: ImportJob) {
    this.processed = this.saved = job.processed;
    this.succeeded = job.succeeded;
    this.failed = job.failed;
    this.errors = job.errors;
  }

  fail(rows: number, errors: RowError[]): void {
    this.processed += rows;
    this.failed += rows;
    const room = MAX_KEPT_ERRORS - this.errors.length;
    if (room > 0 && errors.length) {
      this.errors = [...this.errors, ...errors.slice(0, room)];
      this.errorsChanged = true;
    }
  }

  /** The progress after `succeeded` more rows, for the row update. */
  next(succeeded = 0, status?: ImportStatus) {
    return {
      processed: this.processed + succeeded,
      succeeded: this.succeeded + succeeded,
      failed: this.failed,
      ...(this.errorsChanged ? { errors: this.errors } : {}),
      ...(status ? { status } : {}),
    };
  }

  committed(succeeded: number): void {
    this.processed += succeeded;
    this.succeeded += succeeded;
    this.saved = this.processed;
    this.errorsChanged = false;
  }

  async save(ctx: Ctx, id: number, status?: ImportStatus): Promise<void> {
    // MySQL counts changed rows only: an update that changes nothing would read as "superseded"
    if (this.processed === this.saved && !this.errorsChanged && !status) return;
    if (!(await advanceImport(ctx, id, this.saved, this.next(0, status)))) throw new Superseded();
    this.committed(0);
  }
}

async function importGroup(ctx: Ctx, job: ImportJob, layout: Layout, group: ProductGroup, tally: Tally, submit: boolean): Promise<void> {
  const rows = group.rows.length;
  const built = productInputOf(layout, group, !submit);
  if ('errors' in built) return tally.fail(rows, built.errors);
  try {
    await withTransaction(ctx, async (tx) => {
      await createProduct(tx, { kind: job.ownerKind, id: job.ownerId }, built.input);
      // the product and the cursor move together: a rerun after a crash skips exactly this product
      if (!(await advanceImport(tx, job.id, tally.saved, tally.next(rows)))) throw new Superseded();
    });
    tally.committed(rows);
  } catch (err) {
    const known = err instanceof Superseded ? null : toAppError(err);
    if (!known) throw err;
    tally.fail(rows, rowErrorsOf(layout, group, known));
  }
}

async function runImportSlice(ctx: Ctx, importId: number, submit: boolean): Promise<void> {
  const job = await findImport(ctx, importId);
  if (!job || job.status === 'done' || job.status === 'failed') return;
  // the job writes for its owner: a supplier suspended since the upload writes nothing more
  if (job.ownerKind === 'supplier' && (await supplierStatus(ctx, job.ownerId)) === 'suspended') {
    await setImportStatus(ctx, importId, 'failed', fileError(job.errors, 'supplier_suspended', 'the supplier account is suspended; rows not yet processed were not imported'));
    await rm(fileOf(job.fileKey), { force: true });
    return;
  }
  const bytes = await readFile(fileOf(job.fileKey)).catch(() => null);
  if (!bytes) {
    await setImportStatus(ctx, importId, 'failed', fileError(job.errors, 'file_gone', 'the uploaded file is gone; upload it again'));
    return;
  }
  if (job.status === 'pending') await setImportStatus(ctx, importId, 'running');
  const sheet = await readSheet(bytes, MAX_IMPORT_ROWS);
  const layout = layoutOf(sheet.headers);
  const tally = new Tally(job);
  // a CPU budget, so wall time and not the injectable clock (tests freeze that one)
  const started = performance.now();
  let skipped = 0;
  let done = 0;
  try {
    for (const group of groupRows(layout, sheet.rows)) {
      if (skipped + group.rows.length <= job.processed) {
        skipped += group.rows.length;
        continue;
      }
      if (done >= importPacing.rowsPerRun || performance.now() - started >= importPacing.msPerRun) {
        await tally.save(ctx, importId);
        await scheduleJob(ctx, IMPORT_JOB, clock.now(), { importId, submit }, { maxAttempts: MAX_ATTEMPTS });
        return;
      }
      await importGroup(ctx, job, layout, group, tally, submit);
      done += group.rows.length;
      if (tally.processed - tally.saved >= importPacing.saveEveryRows) await tally.save(ctx, importId);
    }
    await tally.save(ctx, importId, 'done');
  } catch (err) {
    if (err instanceof Superseded) return;
    throw err;
  }
  await rm(fileOf(job.fileKey), { force: true });
}

/** The import job (listed in the module declaration). */
export const importProductsJob: JobHandler = async (ctx, payload, run) => {
  const importId = Number(payload.importId);
  try {
    await runImportSlice(ctx, importId, payload.submit === true);
  } catch (err) {
    if (run.attempts >= MAX_ATTEMPTS) {
      // what was counted stays counted; the rest of the file is not imported
      const job = await findImport(ctx, importId);
      await setImportStatus(ctx, importId, 'failed', fileError(job?.errors ?? [], 'import_stopped', 'the import stopped after repeated failures; rows not yet processed were not imported'));
      if (job) await rm(fileOf(job.fileKey), { force: true });
    }
    throw err;
  }
};
