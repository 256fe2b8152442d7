/**
 * Sign-in sessions: every token names one, so sign-out, password change and staff removal revoke
 * tokens before they expire. What a request learnt of a session is cached in the shared cache
 * (CACHE_SECONDS) and, in front of it, in this process (NEAR_SECONDS): a signed-in request then
 * asks neither the database nor Redis. A revocation writes `revoked` into the shared cache and,
 * once committed, drops the session from every process's near cache (core/near-cache's channel),
 * so it holds at once everywhere; a lost message lets a revoked token in for NEAR_SECONDS at most.
 */
import { randomBytes } from 'node:crypto';
import { DataTypes, Model, Op, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { cache } from '../cache.js';
import { clock } from '../clock.js';
import { config } from '../config.js';
import { systemContext, type Actor, type Ctx } from '../context.js';
import { afterCommit, inTx, idColumn, timestamps } from '../db/index.js';
import { defineHook, runEach } from '../hooks.js';
import { nearCache } from '../near-cache.js';
import { signToken, type TokenClaims, type TokenKind } from './tokens.js';

export class AuthSession extends Model<InferAttributes<AuthSession>, InferCreationAttributes<AuthSession>> {
  declare id: CreationOptional<number>;
  declare sid: string;
  declare actorKind: TokenKind;
  declare actorId: number;
  declare tenantId: number | null;
  declare expiresAt: Date;
  declare revokedAt: Date | null;
  declare ip: string | null;
  declare userAgent: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Runs when the database opens (core/models.ts). */
export function initAuthSessions(sequelize: Sequelize): void {
  AuthSession.init(
    {
      id: idColumn(),
      sid: { type: DataTypes.STRING(40), allowNull: false },
      actorKind: { type: DataTypes.STRING(16), allowNull: false },
      actorId: { type: DataTypes.INTEGER, allowNull: false },
      tenantId: { type: DataTypes.INTEGER, allowNull: true },
      expiresAt: { type: DataTypes.DATE(3), allowNull: false },
      revokedAt: { type: DataTypes.DATE(3), allowNull: true },
      ip: { type: DataTypes.STRING(64), allowNull: true },
      userAgent: { type: DataTypes.STRING(255), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'auth_sessions' },
  );
}

// a shared entry is only ever replaced by a revocation's `revoked` (written before the revocation
// commits), so it may live long: it only saves the session and account reads
const CACHE_SECONDS = 15 * 60;
const NEAR_SECONDS = 15;
const cacheKey = (sid: string) => `sess:${sid}`;
// null is "not known yet": the request reads the row and remembers the answer in the shared cache
const nearSessions = nearCache<string | null>('sessions', { ttlSeconds: NEAR_SECONDS, max: 100_000, keep: (state) => state !== null });
// the reads above run before any transaction: one context serves them all
let sessionReads: Ctx | undefined;
const outsideTx = () => (sessionReads ??= systemContext('session'));

export interface IssuedToken {
  token: string;
  expiresAt: string;
}

/** Opens a session for the actor and returns its signed token. */
export async function issueToken(ctx: Ctx, kind: TokenKind, actorId: number, tenantId: number | null): Promise<IssuedToken> {
  const sid = randomBytes(18).toString('base64url');
  const iat = Math.floor(clock.nowMs() / 1000);
  const exp = iat + config().tokens.ttlHours[kind] * 3600;
  await AuthSession.create(
    { sid, actorKind: kind, actorId, tenantId, expiresAt: new Date(exp * 1000), revokedAt: null, ip: ctx.ip, userAgent: ctx.userAgent?.slice(0, 255) ?? null },
    inTx(ctx),
  );
  return { token: signToken({ sid, kind, sub: actorId, tid: tenantId, iat, exp }), expiresAt: new Date(exp * 1000).toISOString() };
}

/**
 * What the cache knows of a session: `revoked`, `ok`, or the actor's JSON when its loader lets the
 * actor be cached with the session; null when it knows nothing.
 */
export async function cachedSession(sid: string): Promise<string | null> {
  return nearSessions.get(outsideTx(), sid, () => cache().get(cacheKey(sid)));
}

/** Whether the session row behind the claims is open and names the same actor. */
export async function sessionHolds(claims: TokenClaims): Promise<boolean> {
  const session = await AuthSession.findOne({ where: { sid: claims.sid }, raw: true });
  return !!session && !session.revokedAt && session.actorKind === claims.kind && session.actorId === claims.sub && (session.tenantId ?? null) === claims.tid;
}

/**
 * Caches what a request learnt of a session. Only when nothing is cached: a revocation that lands
 * while the request was reading the session row must not be overwritten by its older answer.
 */
export async function rememberSession(sid: string, state: string): Promise<void> {
  await cache().setIfAbsent(cacheKey(sid), state, CACHE_SECONDS * 1000);
}

export function sessionIdOf(actor: Actor): string | null {
  return 'sessionId' in actor ? actor.sessionId : null;
}

export type RevocationListener = (sids: readonly string[]) => unknown;

/** Told of every revoked session once its revocation commits (realtime disconnects its sockets). */
export const sessionsRevoked = defineHook<RevocationListener>('auth.sessions-revoked', 'each');

async function revoked(ctx: Ctx, sids: readonly string[]): Promise<void> {
  await Promise.all(sids.map((sid) => cache().set(cacheKey(sid), 'revoked', CACHE_SECONDS)));
  for (const sid of sids) await nearSessions.invalidate(ctx, sid);
  await afterCommit(ctx, () => runEach(sessionsRevoked, sids));
}

export async function revokeSession(ctx: Ctx, sid: string): Promise<void> {
  await AuthSession.update({ revokedAt: clock.now() }, { where: { sid, revokedAt: null }, ...inTx(ctx) });
  await revoked(ctx, [sid]);
}

/** Revokes every open session of an actor (password change, removal), except optionally one. */
export async function revokeActorSessions(ctx: Ctx, kind: TokenKind, actorId: number, tenantId: number | null, exceptSid?: string): Promise<number> {
  const where = {
    actorKind: kind,
    actorId,
    tenantId,
    revokedAt: null,
    expiresAt: { [Op.gt]: clock.now() },
    ...(exceptSid ? { sid: { [Op.ne]: exceptSid } } : {}),
  };
  const open = await AuthSession.findAll({ where, attributes: ['sid'], raw: true, ...inTx(ctx) });
  if (!open.length) return 0;
  await AuthSession.update({ revokedAt: clock.now() }, { where: { sid: open.map((s) => s.sid) }, ...inTx(ctx) });
  await revoked(ctx, open.map((s) => s.sid));
  return open.length;
}
