/**
 * Idempotency-Key (API.md): per actor and route, kept 24 h. The same key and body get the first
 * answer (a refusal is an answer too) and change nothing more; the key with another body -> 409
 * idempotency_key_reused; a duplicate while the first holds the key -> 409 idempotency_in_progress.
 *
 * The route chooses how its key is bound to the work (RouteSpec.idempotent):
 * - 'transaction': the service claims the key inside its own transaction and writes the answer
 *   there before COMMIT (withIdempotentTransaction), so the key and what the request changed commit
 *   together or not at all: after a crash a retry finds both (and gets the answer) or neither (and
 *   runs afresh). A concurrent duplicate's claim waits on the uncommitted unique key (MariaDB) or
 *   behind the one writer (SQLite), then finds the committed answer. It costs no commit of its own.
 * - 'lease': for work that cannot sit in one transaction (it calls an outside gateway). The key is
 *   committed `running` under a lease before the work starts and answered after it. A crash in
 *   between leaves it running until the lease runs out; then a retry takes it over with a
 *   conditional update, which one retry alone wins.
 */
import { DataTypes, Model, UniqueConstraintError, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { clock, hours, minutes } from './clock.js';
import type { Ctx } from './context.js';
import { insertRow, idColumn, platformWrite, timestamps, withTransaction } from './db/index.js';
import { AppError, conflict } from './errors.js';
import { logger } from './logger.js';

export class IdempotencyKey extends Model<InferAttributes<IdempotencyKey>, InferCreationAttributes<IdempotencyKey>> {
  declare id: CreationOptional<number>;
  declare scope: string;
  declare route: string;
  declare key: string;
  declare requestHash: string;
  declare state: 'running' | 'done';
  declare responseStatus: number | null;
  declare responseBody: string | null;
  /** Until when a running key is its holder's; null on rows written before leases (see leaseEnd). */
  declare leaseUntil: Date | null;
  declare expiresAt: Date;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Runs when the database opens (core/models.ts). */
export function initIdempotencyKeys(sequelize: Sequelize): void {
  IdempotencyKey.init(
    {
      id: idColumn(),
      scope: { type: DataTypes.STRING(64), allowNull: false },
      route: { type: DataTypes.STRING(128), allowNull: false },
      key: { type: DataTypes.STRING(128), allowNull: false },
      requestHash: { type: DataTypes.STRING(64), allowNull: false },
      state: { type: DataTypes.STRING(16), allowNull: false },
      responseStatus: { type: DataTypes.INTEGER, allowNull: true },
      responseBody: { type: DataTypes.TEXT('long'), allowNull: true },
      leaseUntil: { type: DataTypes.DATE(3), allowNull: true },
      expiresAt: { type: DataTypes.DATE(3), allowNull: false },
      ...timestamps(),
    },
    { sequelize, tableName: 'idempotency_keys' },
  );
}

const TTL_MS = hours(24);
/** Longer than a request takes (a gateway call times out after 10 s), short enough for a shopper's retry. */
export const LEASE_MS = minutes(1);

export interface Reply {
  status: number;
  body: unknown;
}

export type IdempotencyMode = 'transaction' | 'lease';

/** One key: the actor's scope, the route, the client's key, and the hash of what was asked. */
interface KeyRef {
  scope: string;
  route: string;
  key: string;
  requestHash: string;
}

/** A key row this request holds under its lease. */
interface Held {
  id: number;
  leaseUntil: Date;
}

/**
 * The request's key on its context (mode 'transaction'), for withIdempotentTransaction; services
 * never touch it themselves.
 */
export interface IdempotencyHandle {
  readonly ref: KeyRef;
  /** The route's success status, stored with the answer. */
  readonly status: number;
  /** A crashed holder's row this request took over, claimed again in the transaction; null: a fresh claim. */
  held: Held | null;
  /** A transaction of this attempt has claimed the key: later ones of the same request run plain. */
  bound: boolean;
  /** The answer that transaction wrote (JSON). */
  written: string | undefined;
}

const reused = () => conflict('idempotency_key_reused', 'This Idempotency-Key was used with a different request');
const inProgress = () => conflict('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed');

/** The key was taken by another request: thrown inside the service's transaction to roll its work back; runIdempotent answers. */
class KeyTaken extends Error {}

function scopeOf(ctx: Ctx): string {
  const actorId = 'id' in ctx.actor ? ctx.actor.id : 0;
  return `${ctx.tenantId ?? 0}:${ctx.actor.kind}:${actorId}`;
}

function runningRow(ref: KeyRef, now: number) {
  return { ...ref, state: 'running' as const, responseStatus: null, responseBody: null, leaseUntil: new Date(now + LEASE_MS), expiresAt: new Date(now + TTL_MS) };
}

const replyOf = (row: IdempotencyKey): Reply => ({ status: row.responseStatus ?? 200, body: row.responseBody ? JSON.parse(row.responseBody) : {} });

/** A row from before leases is judged by its last write. */
const leaseEnd = (row: IdempotencyKey) => row.leaseUntil?.getTime() ?? row.updatedAt.getTime() + LEASE_MS;

const findKey = (ref: KeyRef) => IdempotencyKey.findOne({ where: { scope: ref.scope, route: ref.route, key: ref.key } });

/** Only while the lease read at claim or take-over stands: a holder that outlived it leaves the row to the one who took it over. */
const heldBy = (held: Held) => ({ id: held.id, state: 'running' as const, leaseUntil: held.leaseUntil });

/**
 * What a key that is already there means for this request: its answer; or, when its holder's
 * lease ran out, the key taken over by a conditional update on the lease just read (of many
 * retries, one wins); or nothing ('gone': it expired). Another body or a live holder -> 409.
 */
async function settleExisting(ref: KeyRef): Promise<{ reply: Reply } | { held: Held } | 'gone'> {
  const row = await findKey(ref);
  if (!row) return 'gone';
  const now = clock.nowMs();
  if (row.expiresAt.getTime() <= now) {
    await IdempotencyKey.destroy({ where: { id: row.id } });
    return 'gone';
  }
  if (row.requestHash !== ref.requestHash) throw reused();
  if (row.state === 'done') return { reply: replyOf(row) };
  if (leaseEnd(row) > now) throw inProgress();
  const leaseUntil = new Date(now + LEASE_MS);
  const [taken] = await IdempotencyKey.update({ leaseUntil }, { where: { id: row.id, state: 'running', leaseUntil: row.leaseUntil } });
  if (taken !== 1) throw inProgress();
  return { held: { id: row.id, leaseUntil } };
}

/**
 * Stores an answer outside the work's transaction (a lease's outcome, a refusal). Null when stored;
 * when another request answered the key first, its answer, which stands for the key.
 */
async function store(ctx: Ctx, ref: KeyRef, held: Held | null, reply: Reply): Promise<Reply | null> {
  const answer = { state: 'done' as const, responseStatus: reply.status, responseBody: JSON.stringify(reply.body ?? {}), leaseUntil: null };
  if (held) {
    await IdempotencyKey.update(answer, { where: heldBy(held) });
    return null;
  }
  try {
    await insertRow(ctx, IdempotencyKey, { ...ref, ...answer, expiresAt: new Date(clock.nowMs() + TTL_MS) });
    return null;
  } catch (err) {
    if (!(err instanceof UniqueConstraintError)) throw err;
  }
  const row = await findKey(ref);
  return row?.state === 'done' && row.requestHash === ref.requestHash ? replyOf(row) : null;
}

/** A refused request (4xx, but not a rate limit or the key's own 409s) is an answer: the same key gets the same refusal. */
function refusalOf(err: unknown): Reply | null {
  if (!(err instanceof AppError) || err.status >= 500 || err.status === 429) return null;
  if (err.code === 'idempotency_key_reused' || err.code === 'idempotency_in_progress') return null;
  return { status: err.status, body: { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } } };
}

/** A failure that is no answer (a crash-free 5xx) frees a held key at once, rather than after its lease. */
async function release(held: Held): Promise<void> {
  await IdempotencyKey.destroy({ where: heldBy(held) });
}

async function runUnderLease(ctx: Ctx, ref: KeyRef, run: (ctx: Ctx) => Promise<Reply>): Promise<Reply> {
  let held: Held | null = null;
  for (let attempt = 0; attempt < 3 && !held; attempt++) {
    const row = runningRow(ref, clock.nowMs());
    try {
      held = { id: await insertRow(ctx, IdempotencyKey, row), leaseUntil: row.leaseUntil };
    } catch (err) {
      if (!(err instanceof UniqueConstraintError)) throw err;
      const found = await settleExisting(ref);
      if (found === 'gone') continue;
      if ('reply' in found) return found.reply;
      held = found.held;
    }
  }
  if (!held) throw inProgress();
  let reply: Reply;
  try {
    reply = await run(ctx);
  } catch (err) {
    const refusal = refusalOf(err);
    if (refusal) await store(ctx, ref, held, refusal);
    else await release(held);
    throw err;
  }
  await store(ctx, ref, held, reply);
  return reply;
}

async function runBoundToTransaction(ctx: Ctx, ref: KeyRef, status: number, run: (ctx: Ctx) => Promise<Reply>): Promise<Reply> {
  const handle: IdempotencyHandle = { ref, status, held: null, bound: false, written: undefined };
  for (let attempt = 0; attempt < 3; attempt++) {
    handle.bound = false;
    handle.written = undefined;
    try {
      const reply = await run({ ...ctx, idempotency: handle });
      if (handle.written === undefined) {
        logger().error({ route: ref.route, requestId: ctx.requestId }, 'the route binds its Idempotency-Key to a transaction, but the service ran none: the answer is stored after the work');
        return (await store(ctx, ref, handle.held, reply)) ?? reply;
      }
      if (handle.written !== JSON.stringify(reply.body ?? {})) logger().error({ route: ref.route, requestId: ctx.requestId }, 'the answer stored with the Idempotency-Key is not the one sent: a retry would get another');
      return reply;
    } catch (err) {
      if (err instanceof KeyTaken) {
        const found = await settleExisting(ref);
        if (found !== 'gone' && 'reply' in found) return found.reply;
        handle.held = found === 'gone' ? null : found.held;
        continue;
      }
      const refusal = refusalOf(err);
      if (refusal) {
        const answered = await store(ctx, ref, handle.held, refusal);
        if (answered) return answered;
      } else if (handle.held) {
        await release(handle.held);
      }
      throw err;
    }
  }
  throw inProgress();
}

export interface IdempotencyOptions {
  /** How the key is bound to the work (see the top of this file); 'lease' by default. */
  mode?: IdempotencyMode;
  /** The route's success status, stored with an answer written in the service's transaction. */
  status?: number;
}

/** Runs a keyed request once per key (http.ts calls it for routes that honour Idempotency-Key). */
export async function runIdempotent(ctx: Ctx, route: string, key: string, requestHash: string, run: (ctx: Ctx) => Promise<Reply>, options: IdempotencyOptions = {}): Promise<Reply> {
  if (key.length > 128) throw new AppError(400, 'validation_failed', 'Idempotency-Key is too long', [{ field: 'Idempotency-Key', message: 'at most 128 characters' }]);
  const ref: KeyRef = { scope: scopeOf(ctx), route, key, requestHash };
  return options.mode === 'transaction' ? runBoundToTransaction(ctx, ref, options.status ?? 200, run) : runUnderLease(ctx, ref, run);
}

const ANSWER_SQL = "UPDATE idempotency_keys SET state = 'done', response_status = :status, response_body = :body, lease_until = NULL, updated_at = :now WHERE id = :id";

/** Claims the request's key in tx: a fresh row, or again the row this request took over (only while its lease stands). */
async function claimIn(tx: Ctx, handle: IdempotencyHandle): Promise<number> {
  const { held } = handle;
  if (held) {
    // a write of the row, so that it stays locked by this transaction (Sequelize skips an update of updatedAt alone)
    const [claimed] = await IdempotencyKey.update({ state: 'running' }, { where: heldBy(held), transaction: tx.transaction });
    if (claimed !== 1) throw new KeyTaken();
    return held.id;
  }
  try {
    return await insertRow(tx, IdempotencyKey, runningRow(handle.ref, clock.nowMs()));
  } catch (err) {
    if (err instanceof UniqueConstraintError) throw new KeyTaken();
    throw err;
  }
}

/**
 * withTransaction for the unit of work that answers an idempotent request. When the request's key
 * is bound to a transaction (the route's mode 'transaction'), the key is claimed first thing in
 * this transaction and `answer(result)`, the body the route replies with (the result itself by
 * default), is stored with it before COMMIT. If another request holds or answered the key, the
 * work rolls back and the request gets that answer (or 409). Without such a key, and for any
 * later transaction of the same request, it is withTransaction.
 */
export async function withIdempotentTransaction<C extends Ctx, T>(ctx: C, fn: (tx: C) => Promise<T>, answer: (result: T) => unknown = (result) => result): Promise<T> {
  const handle = ctx.idempotency;
  if (!handle || handle.bound) return withTransaction(ctx, fn);
  handle.bound = true;
  return withTransaction(ctx, async (tx) => {
    const id = await claimIn(tx, handle);
    const result = await fn(tx);
    const body = JSON.stringify(answer(result) ?? {});
    await platformWrite(tx, ANSWER_SQL, { id, status: handle.status, body, now: clock.now() });
    handle.written = body;
    return result;
  });
}
