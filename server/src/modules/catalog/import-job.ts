/**
 * An owner's bulk import and how far it got. `processed` is also the resume cursor: it moves in the
 * same transaction as each product the import creates, and only from the value the runner last
 * read, so a retried or duplicated run neither creates a product twice nor loses count.
 */
import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { Ctx } from '../../core/context.js';
import { inTx, jsonColumn, pageOf, paginate, type Page, type PageQuery, idColumn, timestamps } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import type { Owner } from '../../core/owner.js';

export type ImportStatus = 'pending' | 'running' | 'done' | 'failed';

/** A problem with one sheet row; `field` is the column header as the file wrote it. */
export interface RowError {
  row: number;
  field: string;
  message: string;
}

/** The API shows, and the row keeps, this many errors; the counts still cover every row. */
export const MAX_KEPT_ERRORS = 500;

export class ImportJob extends Model<InferAttributes<ImportJob>, InferCreationAttributes<ImportJob>> {
  declare id: CreationOptional<number>;
  declare ownerKind: Owner['kind'];
  declare ownerId: number;
  declare kind: string;
  declare status: ImportStatus;
  declare total: number;
  declare processed: CreationOptional<number>;
  declare succeeded: CreationOptional<number>;
  declare failed: CreationOptional<number>;
  declare errors: RowError[];
  declare fileKey: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Runs when the database opens (listed in the module declaration). */
export function initImportJobs(sequelize: Sequelize): void {
  ImportJob.init(
    {
      id: idColumn(),
      ownerKind: { type: DataTypes.STRING(16), allowNull: false },
      ownerId: { type: DataTypes.INTEGER, allowNull: false },
      kind: { type: DataTypes.STRING(32), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      total: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      processed: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      succeeded: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      failed: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      errors: jsonColumn('errors', [] as RowError[]),
      fileKey: { type: DataTypes.STRING(255), allowNull: false },
      ...timestamps(),
    },
    { sequelize, tableName: 'import_jobs' },
  );
}

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
  return ImportJob.create({ ownerKind: owner.kind, ownerId: owner.id, kind: PRODUCT_IMPORT, status: 'pending', total, errors: [], fileKey }, inTx(ctx));
}

/** Another owner's import is "not found", never "forbidden": ids must not confirm existence. */
export async function ownedImport(ctx: Ctx, owner: Owner, id: number): Promise<ImportJob> {
  const job = await ImportJob.findOne({ where: { id, ownerKind: owner.kind, ownerId: owner.id }, ...inTx(ctx) });
  if (!job) throw notFound('Import');
  return job;
}

/** Newest first, without the error lists (each may hold 500 entries). */
export async function listImports(ctx: Ctx, owner: Owner, q: PageQuery): Promise<Page<ImportView>> {
  const { rows, count } = await ImportJob.findAndCountAll({ where: { ownerKind: owner.kind, ownerId: owner.id }, order: [['id', 'DESC']], ...paginate(q), ...inTx(ctx) });
  return pageOf(q, rows.map((j) => importView(j, false)), count);
}

export interface Progress {
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
  const [count] = await ImportJob.update(progress, { where: { id, processed: from }, ...inTx(ctx) });
  return count === 1;
}

export async function findImport(ctx: Ctx, id: number): Promise<ImportJob | null> {
  return ImportJob.findByPk(id, inTx(ctx));
}

export async function setImportStatus(ctx: Ctx, id: number, status: ImportStatus, errors?: RowError[]): Promise<void> {
  await ImportJob.update({ status, ...(errors ? { errors } : {}) }, { where: { id }, ...inTx(ctx) });
}
