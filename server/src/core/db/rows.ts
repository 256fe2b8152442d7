/**
 * Plain-row reads and writes for hot paths (placing an order touches eleven tables). Model.create
 * and findAll build an instance per row, run validation and hooks, and read inserted rows back:
 * most of their cost when a request needs a few columns or a new id. These keep the tenant rules of
 * the safety net: a tenant table's row carries the context's tenant, a tenant-scoped read filters on
 * the context's tenant, and with no tenant in context both are refused.
 *
 * On MariaDB/MySQL the statements go straight to the driver on the transaction's connection:
 * Sequelize's query() re-parses the SQL to place replacements and wraps every statement in option
 * merging, retry and result shaping, which cost more than the statement on a hot path. Errors are
 * wrapped as Sequelize's, so duplicate keys and deadlocks are recognised as elsewhere.
 */
import { DatabaseError, DataTypes, QueryTypes, UniqueConstraintError, type CreationAttributes, type Model, type ModelStatic, type Transaction } from 'sequelize';
import { clock } from '../clock.js';
import type { Ctx } from '../context.js';
import { TenantScopeError } from '../errors.js';
import { db } from './connection.js';
import { isTenantModel, scopeTenant } from './tenant-model.js';

type Row = Record<string, unknown>;
type Replacements = Record<string, unknown>;

function withTenant<M extends Model>(model: ModelStatic<M>, row: Row): Row {
  if (!isTenantModel(model)) return row;
  const tenantId = scopeTenant(model.name);
  if (tenantId === undefined) {
    if (row.tenantId == null) throw new TenantScopeError(`${model.name} inserted across tenants without a tenantId`);
    return row;
  }
  if (row.tenantId != null && row.tenantId !== tenantId) throw new TenantScopeError(`${model.name} written for tenant ${String(row.tenantId)} in the context of tenant ${tenantId}`);
  return { ...row, tenantId };
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

/** Attribute names to column values, as Model.create would write them (defaults, JSON, timestamps). */
function toColumns<M extends Model>(model: ModelStatic<M>, row: Row, now: Date): Row {
  const out: Row = {};
  for (const c of planOf(model)) {
    let value = row[c.name];
    if (value === undefined) {
      if (c.absent === 'omit') continue;
      value = c.absent === 'now' ? now : c.absent === 'default' ? c.defaultValue : null;
    }
    out[c.column] = c.json && value !== null ? JSON.stringify(value) : value;
  }
  return out;
}

interface DriverConnection {
  query(sql: string, values: unknown[], callback: (err: (Error & { code?: string }) | null, result: unknown) => void): unknown;
}
interface ConnectionPool {
  getConnection(options: object): Promise<DriverConnection>;
  releaseConnection(connection: DriverConnection): void;
}

const isMysql = () => db().getDialect() !== 'sqlite';

/** `:name` placeholders to the driver's `?`, once per statement text (statements are constants). */
const positional = new Map<string, { text: string; names: string[] }>();
function toPositional(sql: string): { text: string; names: string[] } {
  let hit = positional.get(sql);
  if (!hit) {
    const names: string[] = [];
    hit = { text: sql.replace(/:(\w+)/g, (_, name: string) => (names.push(name), '?')), names };
    positional.set(sql, hit);
  }
  return hit;
}

function asSequelizeError(err: Error & { code?: string }, sql: string): Error {
  return err.code === 'ER_DUP_ENTRY' ? new UniqueConstraintError({ parent: err, original: err, sql } as never) : new DatabaseError(Object.assign(err, { sql }) as never);
}

/** One statement on the driver: on the transaction's connection, else on one from the pool. */
async function onDriver(ctx: Ctx, sql: string, values: unknown[]): Promise<unknown> {
  const sequelize = db();
  const logging = (sequelize as unknown as { options: { logging?: unknown } }).options.logging;
  if (typeof logging === 'function') logging(sql, {});
  const pool = sequelize.connectionManager as unknown as ConnectionPool;
  const tx = ctx.transaction as (Transaction & { connection: DriverConnection }) | null;
  const connection = tx ? tx.connection : await pool.getConnection({ type: QueryTypes.SELECT });
  try {
    return await new Promise((resolve, reject) => connection.query(sql, values, (err, result) => (err ? reject(asSequelizeError(err, sql)) : resolve(result))));
  } finally {
    if (!tx) pool.releaseConnection(connection);
  }
}

/** An INSERT of rowCount rows with the driver's placeholders; kept, as the same few shapes recur. */
const insertTexts = new Map<string, string>();
function insertSql(table: string, columns: string[], rowCount: number): string {
  const key = `${table}|${rowCount}|${columns.join(',')}`;
  let sql = insertTexts.get(key);
  if (!sql) {
    const qi = db().getQueryInterface();
    const tuple = `(${columns.map(() => '?').join(',')})`;
    sql = `INSERT INTO ${qi.quoteIdentifier(table)} (${columns.map((c) => qi.quoteIdentifier(c)).join(',')}) VALUES ${Array(rowCount).fill(tuple).join(',')}`;
    insertTexts.set(key, sql);
  }
  return sql;
}

/** Inserts rows in one statement and returns their ids, in order. */
export async function insertRows<M extends Model>(ctx: Ctx, model: ModelStatic<M>, rows: Array<CreationAttributes<M>>): Promise<number[]> {
  if (!rows.length) return [];
  const now = clock.now();
  const sequelize = db();
  const values = rows.map((r) => toColumns(model, withTenant(model, r as Row), now));
  if (isMysql()) {
    const columns = Object.keys(values[0]!);
    const header = (await onDriver(ctx, insertSql(model.getTableName() as string, columns, values.length), values.flatMap((v) => columns.map((c) => v[c])))) as { insertId: number };
    return rows.map((_, i) => Number(header.insertId) + i);
  }
  const id = Number(await sequelize.getQueryInterface().bulkInsert(model.getTableName() as string, values, { transaction: ctx.transaction }, model.getAttributes()));
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
 * A read of tenant tables by hand-written SQL. The SQL must filter every tenant table on
 * `:tenantId`, which is bound to the context's tenant here, never by the caller.
 */
export async function tenantRows<T extends object>(ctx: Ctx, sql: string, replacements: Replacements = {}): Promise<T[]> {
  if (!sql.includes(':tenantId')) throw new TenantScopeError('a tenant-scoped read must filter on :tenantId');
  const tenantId = scopeTenant('a read');
  if (tenantId === undefined) throw new TenantScopeError('tenantRows reads one tenant; across tenants use the models');
  return select<T>(ctx, sql, { ...replacements, tenantId });
}

/** An UPDATE or DELETE of tenant tables by hand-written SQL, on the same terms as tenantRows; returns the rows it changed. */
export async function tenantWrite(ctx: Ctx, sql: string, replacements: Replacements = {}): Promise<number> {
  if (!sql.includes(':tenantId')) throw new TenantScopeError('a tenant-scoped write must filter on :tenantId');
  const tenantId = scopeTenant('a write');
  if (tenantId === undefined) throw new TenantScopeError('tenantWrite changes one tenant; across tenants use the models');
  const values: Replacements = { ...replacements, tenantId };
  if (isMysql()) {
    const { text, names } = toPositional(sql);
    return ((await onDriver(ctx, text, names.map((n) => values[n]))) as { affectedRows: number }).affectedRows;
  }
  const [, meta] = (await db().query(sql, { type: QueryTypes.RAW, replacements: values, transaction: ctx.transaction })) as unknown as [unknown, { changes?: number }];
  return meta?.changes ?? 0;
}

/** A read of platform tables (catalog, warehouses) by hand-written SQL. */
export async function platformRows<T extends object>(ctx: Ctx, sql: string, replacements: Replacements = {}): Promise<T[]> {
  return select<T>(ctx, sql, replacements);
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
