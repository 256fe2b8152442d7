/**
 * Statements straight to the mysql2 driver, on the transaction's connection or one from
 * Sequelize's pool. Sequelize's query() re-parses the SQL to place replacements and wraps every
 * statement in option merging, a stack capture, retry and result shaping, which on a hot path cost
 * more than the statement. Statements still go through Sequelize's logging hook (statement counts),
 * and errors are wrapped as Sequelize's, so duplicate keys and deadlocks are recognised as elsewhere.
 */
import { DatabaseError, QueryTypes, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import type { Ctx } from '../context.js';
import { db } from './connection.js';

interface DriverConnection {
  query(sql: string, values: unknown[], callback: (err: (Error & { code?: string }) | null, result: unknown) => void): unknown;
}
interface ConnectionPool {
  getConnection(options: object): Promise<DriverConnection>;
  releaseConnection(connection: DriverConnection): void;
}
type DriverTransaction = Transaction & { connection: DriverConnection; parent?: Transaction };

export const isMysql = (): boolean => db().getDialect() !== 'sqlite';

/** `:name` placeholders to the driver's `?`, once per statement text (statements are constants). */
const positional = new Map<string, { text: string; names: string[] }>();
export function toPositional(sql: string): { text: string; names: string[] } {
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

function onConnection(sequelize: Sequelize, connection: DriverConnection, sql: string, values: unknown[]): Promise<unknown> {
  const logging = (sequelize as unknown as { options: { logging?: unknown } }).options.logging;
  if (typeof logging === 'function') logging(sql, {});
  return new Promise((resolve, reject) => connection.query(sql, values, (err, result) => (err ? reject(asSequelizeError(err, sql)) : resolve(result))));
}

/** One statement on the driver: on the transaction's connection, else on one from the pool. */
export async function onDriver(ctx: Ctx, sql: string, values: unknown[]): Promise<unknown> {
  const sequelize = db();
  const tx = ctx.transaction as DriverTransaction | null;
  if (tx) return onConnection(sequelize, tx.connection, sql, values);
  const pool = sequelize.connectionManager as unknown as ConnectionPool;
  const connection = await pool.getConnection({ type: QueryTypes.SELECT });
  try {
    return await onConnection(sequelize, connection, sql, values);
  } finally {
    pool.releaseConnection(connection);
  }
}

/**
 * Every transaction sends START TRANSACTION and COMMIT (or ROLLBACK): on the driver, through the
 * query interface Sequelize's Transaction calls, so its bookkeeping (connection release, afterCommit
 * hooks, killing a connection whose COMMIT failed) stays as it is. Savepoints go the usual way.
 */
export function transactionControlOnDriver(sequelize: Sequelize): void {
  const qi = sequelize.getQueryInterface() as unknown as Record<'startTransaction' | 'commitTransaction' | 'rollbackTransaction', (t: DriverTransaction, options?: object) => Promise<unknown>>;
  const control = (name: keyof typeof qi, sql: string, ends?: 'rollback') => {
    const usual = qi[name].bind(qi);
    qi[name] = (t, options) => {
      if (t.parent) return usual(t, options);
      const sent = onConnection(sequelize, t.connection, sql, []);
      // as Sequelize's own rollback does: the transaction refuses further statements at once
      if (ends) (t as { finished?: string }).finished = ends;
      return sent;
    };
  };
  control('startTransaction', 'START TRANSACTION');
  control('commitTransaction', 'COMMIT');
  control('rollbackTransaction', 'ROLLBACK', 'rollback');
}
