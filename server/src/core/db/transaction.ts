import type { Transaction } from 'sequelize';
import { rebindContext, type Ctx } from '../context.js';
import { logger } from '../logger.js';
import { db, dialect } from './connection.js';

/**
 * Runs fn in one database transaction and hands it a context carrying that transaction. Nested
 * calls join the outer transaction, so a service can be composed into a larger unit of work.
 * On MariaDB every connection runs READ COMMITTED (connection.ts), so a plain read made after a
 * row lock sees what the lock's previous holder committed.
 */
export async function withTransaction<C extends Ctx, T>(ctx: C, fn: (tx: C) => Promise<T>): Promise<T> {
  if (ctx.transaction) return fn(ctx);
  const run = () =>
    db().transaction(async (transaction: Transaction) => {
      const txCtx: C = { ...ctx, transaction };
      return rebindContext(txCtx, () => fn(txCtx));
    });
  return dialect() === 'sqlite' ? oneWriterAtATime(run) : retryDeadlocks(run);
}

const DEADLOCK_CODES = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const MAX_ATTEMPTS = 4;

function isDeadlock(err: unknown): boolean {
  const code = (err as { parent?: { code?: string }; original?: { code?: string } })?.parent?.code ?? (err as { original?: { code?: string } })?.original?.code;
  return !!code && DEADLOCK_CODES.has(code);
}

/**
 * InnoDB resolves lock cycles (gap locks of concurrent inserts, say) by killing one transaction;
 * the transaction rolled back whole, so running it again is the expected answer.
 */
async function retryDeadlocks<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= MAX_ATTEMPTS || !isDeadlock(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}

/**
 * SQLite has one writer. Letting many transactions race for its lock parks libuv threads in
 * SQLite's busy wait (node's sqlite3 runs queries on the shared thread pool), and once every
 * thread waits, the transaction holding the lock cannot run its next statement: a stall until the
 * busy timeout. Queuing transactions in the process, which the embedded mode is, avoids the race.
 */
let writerQueue: Promise<unknown> = Promise.resolve();

function oneWriterAtATime<T>(run: () => Promise<T>): Promise<T> {
  const next = writerQueue.then(run, run);
  writerQueue = next.catch(() => undefined);
  return next;
}

/**
 * Runs after the surrounding transaction commits (or at once when there is none), with a context
 * outside any transaction: cache invalidation, messages, realtime pushes. Awaited before the
 * transaction's caller resumes; failures are logged, never undo the committed change.
 */
export async function afterCommit(ctx: Ctx, fn: (ctx: Ctx) => unknown): Promise<void> {
  const outside: Ctx = { ...ctx, transaction: null };
  const run = async () => {
    try {
      await rebindContext(outside, async () => fn(outside));
    } catch (err) {
      logger().error({ err, requestId: ctx.requestId }, 'after-commit step failed');
    }
  };
  if (ctx.transaction) ctx.transaction.afterCommit(run);
  else await run();
}

/** Query options that keep a statement inside the context's transaction. */
export function inTx(ctx: Ctx): { transaction: Transaction | null } {
  return { transaction: ctx.transaction };
}
