/**
 * Idempotency-Key (API.md): per actor and route, kept 24 h. The same key and body returns the
 * first answer and creates nothing new; the same key with another body -> 409
 * idempotency_key_reused; while the first is still running -> 409 idempotency_in_progress.
 * The key row is committed before the work starts, so a concurrent duplicate sees it.
 */
import { DataTypes, Model, UniqueConstraintError, type CreationOptional, type InferAttributes, type InferCreationAttributes } from 'sequelize';
import { clock, hours } from './clock.js';
import type { Ctx } from './context.js';
import { insertRow, onModelsInit, idColumn, timestamps } from './db/index.js';
import { AppError, conflict } from './errors.js';

export class IdempotencyKey extends Model<InferAttributes<IdempotencyKey>, InferCreationAttributes<IdempotencyKey>> {
  declare id: CreationOptional<number>;
  declare scope: string;
  declare route: string;
  declare key: string;
  declare requestHash: string;
  declare state: 'running' | 'done';
  declare responseStatus: number | null;
  declare responseBody: string | null;
  declare expiresAt: Date;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

onModelsInit((sequelize) => {
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
      expiresAt: { type: DataTypes.DATE(3), allowNull: false },
      ...timestamps(),
    },
    { sequelize, tableName: 'idempotency_keys' },
  );
});

const TTL_MS = hours(24);

export interface Reply {
  status: number;
  body: unknown;
}

function scopeOf(ctx: Ctx): string {
  const actorId = 'id' in ctx.actor ? ctx.actor.id : 0;
  return `${ctx.tenantId ?? 0}:${ctx.actor.kind}:${actorId}`;
}

async function claim(ctx: Ctx, scope: string, route: string, key: string, requestHash: string): Promise<Reply | null> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // a plain insert: every keyed request pays for it, and Model.create's instance is not needed
      await insertRow(ctx, IdempotencyKey, { scope, route, key, requestHash, state: 'running', responseStatus: null, responseBody: null, expiresAt: new Date(clock.nowMs() + TTL_MS) });
      return null;
    } catch (err) {
      if (!(err instanceof UniqueConstraintError)) throw err;
    }
    const existing = await IdempotencyKey.findOne({ where: { scope, route, key } });
    if (!existing) continue;
    if (existing.expiresAt.getTime() <= clock.nowMs()) {
      await IdempotencyKey.destroy({ where: { id: existing.id } });
      continue;
    }
    if (existing.requestHash !== requestHash) throw conflict('idempotency_key_reused', 'This Idempotency-Key was used with a different request');
    if (existing.state === 'running') throw conflict('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed');
    return { status: existing.responseStatus ?? 200, body: existing.responseBody ? JSON.parse(existing.responseBody) : {} };
  }
  throw conflict('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed');
}

export async function runIdempotent(ctx: Ctx, route: string, key: string, requestHash: string, run: () => Promise<Reply>): Promise<Reply> {
  if (key.length > 128) throw new AppError(400, 'validation_failed', 'Idempotency-Key is too long', [{ field: 'Idempotency-Key', message: 'at most 128 characters' }]);
  const scope = scopeOf(ctx);
  const previous = await claim(ctx, scope, route, key, requestHash);
  if (previous) return previous;
  let reply: Reply;
  try {
    reply = await run();
  } catch (err) {
    if (err instanceof AppError && err.status < 500 && err.status !== 429) {
      // a refused request is an answer too: the same key gets the same refusal
      const body = { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } };
      await IdempotencyKey.update({ state: 'done', responseStatus: err.status, responseBody: JSON.stringify(body) }, { where: { scope, route, key } });
    } else {
      await IdempotencyKey.destroy({ where: { scope, route, key } });
    }
    throw err;
  }
  await IdempotencyKey.update({ state: 'done', responseStatus: reply.status, responseBody: JSON.stringify(reply.body ?? {}) }, { where: { scope, route, key } });
  return reply;
}
