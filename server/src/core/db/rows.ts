/**
 * Plain-row reads and writes for hot paths (placing an order touches eleven tables). Model.create
 * and findAll build an instance per row, run validation and hooks, and read inserted rows back:
 * most of their cost when a request needs a few columns or a new id. These keep the tenant rules of
 * the safety net, on the ctx they are given (not the ambient AsyncLocalStorage one): a tenant table's
 * row carries the ctx's tenant, a tenant-scoped read filters on the ctx's tenant, and with no
 * tenant in the ctx both are refused.
 * On MariaDB/MySQL the statements go straight to the driver (driver.ts).
 */
import { DataTypes, QueryTypes, type CreationAttributes, type Model, type ModelStatic } from 'sequelize';
import { clock } from '../clock.js';
import { contextStore, type Ctx } from '../context.js';
import { TenantScopeError } from '../errors.js';
import { db } from './connection.js';
import { isMysql, onDriver, toPositional } from './driver.js';
import { isTenantModel } from './tenant-model.js';

type Row = Record<string, unknown>;
type Replacements = Record<string, unknown>;

/**
 * The tenant a tenant table's row is written for: the ctx's; with no tenant in the ctx, only inside
 * acrossTenants(), the row's own.
 */
function tenantOf<M extends Model>(ctx: Ctx, model: ModelStatic<M>, row: Row): number | undefined {
  if (!isTenantModel(model)) return undefined;
  const tenantId = ctx.tenantId;
  if (tenantId == null) {
    if (!contextStore()?.crossTenantReason) throw new TenantScopeError(`${model.name} is tenant-scoped but the ctx has no tenant`);
    if (row.tenantId == null) throw new TenantScopeError(`${model.name} inserted across tenants without a tenantId`);
    return row.tenantId as number;
  }
  if (row.tenantId != null && row.tenantId !== tenantId) throw new TenantScopeError(`${model.name} written for tenant ${String(row.tenantId)} in the context of tenant ${tenantId}`);
  return tenantId;
}

interface ColumnPlan {
  name: string;
  column: string;
  /** What an absent value becomes: the insert time, the attribute's default, NULL, or left out (auto-increment). */
  absent: 'now' | 'default' | 'null' | 'omit';
  defaultValue: unknown;
  /** jsonColumn keeps JSON as text through a setter: write what the setter would. */
  json: boolean;
}

const plans = new WeakMap<object, ColumnPlan[]>();

function planOf<M extends Model>(model: ModelStatic<M>): ColumnPlan[] {
  let plan = plans.get(model);
  if (!plan) {
    plan = Object.entries(model.getAttributes()).map(([name, a]): ColumnPlan => ({
      name,
      column: a.field ?? name,
      absent: a.autoIncrement ? 'omit' : name === 'createdAt' || name === 'updatedAt' ? 'now' : a.defaultValue !== undefined && typeof a.defaultValue !== 'object' ? 'default' : 'null',
      defaultValue: a.defaultValue,
      json: typeof a.set === 'function' && a.type instanceof DataTypes.TEXT,
    }));
    plans.set(model, plan);
  }
  return plan;
}

/** A column's value as Model.create would write it (default, JSON text, timestamp, the row's tenant). */
function columnValue(c: ColumnPlan, row: Row, now: Date, tenantId: number | undefined): unknown {
  let value = tenantId !== undefined && c.name === 'tenantId' ? tenantId : row[c.name];
  if (value === undefined) value = c.absent === 'now' ? now : c.absent === 'default' ? c.defaultValue : null;
  return c.json && value !== null ? JSON.stringify(value) : value;
}

/** An INSERT of rowCount rows with the driver's placeholders; kept, as the same few shapes recur. */
const insertTexts = new Map<string, string>();
function insertSql(table: string, columns: ColumnPlan[], rowCount: number): string {
  const key = `${table}|${rowCount}|${columns.length}`;
  let sql = insertTexts.get(key);
  if (!sql) {
    const qi = db().getQueryInterface();
    const tuple = `(${columns.map(() => '?').join(',')})`;
    sql = `INSERT INTO ${qi.quoteIdentifier(table)} (${columns.map((c) => qi.quoteIdentifier(c.column)).join(',')}) VALUES ${Array(rowCount).fill(tuple).join(',')}`;
    insertTexts.set(key, sql);
  }
  return sql;
}

/** Inserts rows in one statement and returns their ids, in order. */
export async function insertRows<M extends Model>(ctx: Ctx, model: ModelStatic<M>, rows: Array<CreationAttributes<M>>): Promise<number[]> {
  if (!rows.length) return [];
  const now = clock.now();
  const first = rows[0] as Row;
  // an auto-increment id is written only when the rows bring their own
  const columns = planOf(model).filter((c) => c.absent !== 'omit' || first[c.name] !== undefined);
  const table = model.getTableName() as string;
  if (isMysql()) {
    const values: unknown[] = [];
    for (const row of rows as Row[]) {
      const tenantId = tenantOf(ctx, model, row);
      for (const c of columns) values.push(columnValue(c, row, now, tenantId));
    }
    const header = (await onDriver(ctx, insertSql(table, columns, rows.length), values)) as { insertId: number };
    return rows.map((_, i) => Number(header.insertId) + i);
  }
  const records = (rows as Row[]).map((row) => {
    const tenantId = tenantOf(ctx, model, row);
    return Object.fromEntries(columns.map((c) => [c.column, columnValue(c, row, now, tenantId)]));
  });
  const id = Number(await db().getQueryInterface().bulkInsert(table, records, { transaction: ctx.transaction }, model.getAttributes()));
  // SQLite reports the last id of a multi-row insert (MySQL the first; consecutive for a simple insert)
  return rows.map((_, i) => id - rows.length + 1 + i);
}

export async function insertRow<M extends Model>(ctx: Ctx, model: ModelStatic<M>, row: CreationAttributes<M>): Promise<number> {
  return (await insertRows(ctx, model, [row]))[0]!;
}

async function select<T extends object>(ctx: Ctx, sql: string, replacements: Replacements): Promise<T[]> {
  if (isMysql()) {
    const { text, names } = toPositional(sql);
    return (await onDriver(ctx, text, names.map((n) => replacements[n]))) as T[];
  }
  return db().query<T>(sql, { type: QueryTypes.SELECT, replacements, transaction: ctx.transaction });
}

/**
 * The tenant a hand-written statement is bound to: the one of the ctx it is given, never the
 * ambient AsyncLocalStorage one (a ctx built for another tenant, as authentication builds one from
 * a token, must not read the request's tenant), and never one the caller passes in.
 */
function boundTenant(ctx: Ctx, sql: string, what: 'read' | 'write'): number {
  if (!sql.includes(':tenantId')) throw new TenantScopeError(`a tenant-scoped ${what} must filter on :tenantId`);
  if (ctx.tenantId == null) throw new TenantScopeError(`a tenant-scoped ${what} needs a ctx with a tenant; across tenants use the models`);
  return ctx.tenantId;
}

/**
 * A read of tenant tables by hand-written SQL. The SQL must filter every tenant table on
 * `:tenantId`, which is bound to the ctx's tenant here, never by the caller.
 */
export async function tenantRows<T extends object>(ctx: Ctx, sql: string, replacements: Replacements = {}): Promise<T[]> {
  const tenantId = boundTenant(ctx, sql, 'read');
  return select<T>(ctx, sql, { ...replacements, tenantId });
}

async function write(ctx: Ctx, sql: string, values: Replacements): Promise<number> {
  if (isMysql()) {
    const { text, names } = toPositional(sql);
    return ((await onDriver(ctx, text, names.map((n) => values[n]))) as { affectedRows: number }).affectedRows;
  }
  // BULKUPDATE makes Sequelize run the statement (not read it) and hand back SQLite's row count;
  // RAW returned no count at all, so every write looked like it matched nothing
  return (await db().query(sql, { type: QueryTypes.BULKUPDATE, replacements: values, transaction: ctx.transaction })) as unknown as number;
}

/** An UPDATE or DELETE of tenant tables by hand-written SQL, on the same terms as tenantRows; returns the rows it changed. */
export async function tenantWrite(ctx: Ctx, sql: string, replacements: Replacements = {}): Promise<number> {
  const tenantId = boundTenant(ctx, sql, 'write');
  return write(ctx, sql, { ...replacements, tenantId });
}

/** A read of platform tables (catalog, warehouses) by hand-written SQL. */
export async function platformRows<T extends object>(ctx: Ctx, sql: string, replacements: Replacements = {}): Promise<T[]> {
  return select<T>(ctx, sql, replacements);
}

/** An UPDATE or DELETE of platform tables (jobs, idempotency keys) by hand-written SQL; returns the rows it changed. */
export async function platformWrite(ctx: Ctx, sql: string, replacements: Replacements = {}): Promise<number> {
  return write(ctx, sql, replacements);
}

/**
 * `column = column - n` where the row matches (`where`: column names to values) and has at least n;
 * returns what is left, or null when nothing matched (too little left). One statement: MariaDB/MySQL hand the new value back
 * through LAST_INSERT_ID(expr) in the OK packet, SQLite through RETURNING.
 */
export async function takeFromRow<M extends Model>(ctx: Ctx, model: ModelStatic<M>, column: string, n: number, where: Record<string, number>): Promise<number | null> {
  if (isTenantModel(model)) throw new TenantScopeError(`takeFromRow is for platform tables, not ${model.name}`);
  const mysql = isMysql();
  const sql = takeSql(model, column, Object.keys(where), mysql);
  const replacements: Replacements = { ...where, qty: Math.trunc(n), now: clock.now() };
  if (mysql) {
    const { text, names } = toPositional(sql);
    const header = (await onDriver(ctx, text, names.map((k) => replacements[k]))) as { affectedRows: number; insertId: number };
    return header.affectedRows === 1 ? Number(header.insertId) : null;
  }
  const [result] = (await db().query(sql, { type: QueryTypes.RAW, replacements, transaction: ctx.transaction })) as unknown as [unknown];
  const rows = result as Array<{ left_over: number }>;
  return rows.length === 1 ? Number(rows[0]!.left_over) : null;
}

const takeTexts = new Map<string, string>();
function takeSql<M extends Model>(model: ModelStatic<M>, column: string, keys: string[], mysql: boolean): string {
  const table = model.getTableName() as string;
  const cacheKey = `${mysql}|${table}|${column}|${keys.join(',')}`;
  let sql = takeTexts.get(cacheKey);
  if (!sql) {
    const qi = db().getQueryInterface();
    const col = qi.quoteIdentifier(column);
    const conditions = keys.map((k) => `${qi.quoteIdentifier(k)} = :${k}`);
    sql =
      `UPDATE ${qi.quoteIdentifier(table)} SET ${col} = ${mysql ? `LAST_INSERT_ID(${col} - :qty)` : `${col} - :qty`}, updated_at = :now ` +
      `WHERE ${[...conditions, `${col} >= :qty`].join(' AND ')}${mysql ? '' : ` RETURNING ${col} AS left_over`}`;
    takeTexts.set(cacheKey, sql);
  }
  return sql;
}

/**
 * Adds counts to counter rows, creating the missing ones, in one statement: `rows` name the
 * table's key columns (a unique key) and the count column; a row that exists gets the count added
 * (atomic in the database, so processes flushing at once all add up). Rows carry their own
 * tenant_id: this serves buffered counts flushed outside any request.
 */
export async function addToCounters(table: string, keys: string[], countColumn: string, rows: Array<Record<string, unknown>>): Promise<void> {
  if (!rows.length) return;
  const now = clock.now();
  const columns = [...keys, countColumn, 'created_at', 'updated_at'];
  const qi = db().getQueryInterface();
  const q = (c: string) => qi.quoteIdentifier(c);
  const upsert = isMysql()
    ? `ON DUPLICATE KEY UPDATE ${q(countColumn)} = ${q(countColumn)} + VALUES(${q(countColumn)}), updated_at = VALUES(updated_at)`
    : `ON CONFLICT (${keys.map(q).join(', ')}) DO UPDATE SET ${q(countColumn)} = ${q(countColumn)} + excluded.${q(countColumn)}, updated_at = excluded.updated_at`;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  await db().query(`INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')} ${upsert}`, {
    replacements: rows.flatMap((r) => [...keys.map((k) => r[k]), r[countColumn], now, now]),
  });
}
