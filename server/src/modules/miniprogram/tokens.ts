/**
 * The two tokens every call needs, cached in the database with their expiry (every process of the
 * installation shares them) and refreshed ahead of it:
 *
 * - component_access_token: from the component_verify_ticket WeChat pushes every 10 minutes;
 * - each shop's authorizer_access_token: from its authorizer_refresh_token (which WeChat may
 *   rotate; the answer's one is stored), refreshed by a sweep when it has 30 minutes left.
 *
 * A token is stored only over one that expires sooner (repository), so two processes refreshing
 * at once leave the longer-lived token. When WeChat says a token is dead (40001/42001) the call
 * forgets that token, gets a fresh one and is tried once more.
 */
import { clock, minutes } from '../../core/clock.js';
import { systemContext, type Ctx } from '../../core/context.js';
import { decryptSecret, encryptSecret } from '../../core/crypto.js';
import type { Sweep } from '../../core/jobs.js';
import { logger } from '../../core/logger.js';
import { miniprogramErrors, WechatApiError } from './errors.js';
import { openApi, platformKeys } from './platform.js';
import * as repo from './repository.js';
import { asShop } from './shop-context.js';
import { pushSandboxTicket } from './sandbox/pushes.js';

/** A cached token is used while it has more than this left. */
const COMPONENT_AHEAD_MS = minutes(10);
const AUTHORIZER_AHEAD_MS = minutes(5);
/** The sweep renews authorizer tokens this long before they run out. */
export const AUTHORIZER_RENEW_WINDOW_MS = minutes(30);

const fresh = (expiresAt: Date | null, aheadMs: number) => !!expiresAt && expiresAt.getTime() - aheadMs > clock.nowMs();
const expiry = (expiresInSeconds: number) => new Date(clock.nowMs() + expiresInSeconds * 1000);

interface Held {
  token: string;
  /** The stored (encrypted) string, to forget exactly this token when WeChat refuses it. */
  stored: string;
}

async function ticket(ctx: Ctx, componentAppid: string): Promise<string> {
  let row = await repo.findComponent(ctx, componentAppid);
  if (!row?.verifyTicket && !platformKeys().live) {
    // the sandbox's WeChat pushes on the worker's first pass; a request may come before it
    await pushSandboxTicket();
    row = await repo.findComponent(ctx, componentAppid);
  }
  if (!row?.verifyTicket) throw miniprogramErrors.noTicket();
  return decryptSecret(row.verifyTicket);
}

async function componentToken(ctx: Ctx): Promise<Held> {
  const { appid } = platformKeys();
  const row = await repo.findComponent(ctx, appid);
  if (row?.accessToken && fresh(row.tokenExpiresAt, COMPONENT_AHEAD_MS)) return { token: decryptSecret(row.accessToken), stored: row.accessToken };
  const issued = await openApi().componentToken(await ticket(ctx, appid));
  const stored = encryptSecret(issued.token);
  await repo.storeComponentToken(ctx, appid, stored, expiry(issued.expiresIn));
  return { token: issued.token, stored };
}

async function once<T>(get: () => Promise<Held>, forget: (stored: string) => Promise<void>, call: (token: string) => Promise<T>): Promise<T> {
  const held = await get();
  try {
    return await call(held.token);
  } catch (err) {
    if (!(err instanceof WechatApiError) || !err.tokenExpired) throw err;
    await forget(held.stored);
    return call((await get()).token);
  }
}

/** Runs a call with the component token; a refused token is replaced and the call tried once more. */
export function withComponentToken<T>(ctx: Ctx, call: (token: string) => Promise<T>): Promise<T> {
  return once(() => componentToken(ctx), (stored) => repo.dropComponentToken(ctx, platformKeys().appid, stored), call);
}

async function renewAuthorizerToken(ctx: Ctx, authorizer: repo.AuthorizerRow): Promise<Held> {
  if (!authorizer.refreshToken || authorizer.revokedAt) throw miniprogramErrors.notAuthorized();
  const refreshToken = decryptSecret(authorizer.refreshToken);
  const issued = await withComponentToken(ctx, (component) => openApi().authorizerToken(component, authorizer.appid, refreshToken));
  const stored = encryptSecret(issued.accessToken);
  await repo.storeAuthorizerToken(ctx, authorizer.id, stored, expiry(issued.expiresIn), encryptSecret(issued.refreshToken));
  return { token: issued.accessToken, stored };
}

async function authorizerToken(ctx: Ctx, authorizerId: number): Promise<Held> {
  const authorizer = await repo.authorizerOf(ctx);
  if (!authorizer || authorizer.id !== authorizerId || authorizer.revokedAt) throw miniprogramErrors.notAuthorized();
  if (authorizer.accessToken && fresh(authorizer.tokenExpiresAt, AUTHORIZER_AHEAD_MS)) return { token: decryptSecret(authorizer.accessToken), stored: authorizer.accessToken };
  return renewAuthorizerToken(ctx, authorizer);
}

/** Runs a call with the shop's authorizer token (refreshed when near its end, or when WeChat refuses it). */
export function withAuthorizerToken<T>(ctx: Ctx, authorizer: Pick<repo.AuthorizerRow, 'id'>, call: (token: string) => Promise<T>): Promise<T> {
  return once(() => authorizerToken(ctx, authorizer.id), (stored) => repo.dropAuthorizerToken(ctx, authorizer.id, stored), call);
}

const BATCH = 50;
/** A shop whose refresh failed is tried again after this, not on every worker pass. */
const RETRY_MS = minutes(1);
const failedUntil = new Map<number, number>();

async function renewOne(tenantId: number, id: number): Promise<void> {
  if ((failedUntil.get(id) ?? 0) > clock.nowMs()) return;
  try {
    await asShop('miniprogram.renew-authorizer-token', tenantId, async (ctx) => {
      const authorizer = await repo.authorizerOf(ctx);
      // another process renewed it since the sweep read it
      if (!authorizer || authorizer.id !== id || authorizer.revokedAt || fresh(authorizer.tokenExpiresAt, AUTHORIZER_RENEW_WINDOW_MS)) return;
      await renewAuthorizerToken(ctx, authorizer);
    });
    failedUntil.delete(id);
  } catch (err) {
    failedUntil.set(id, clock.nowMs() + RETRY_MS);
    logger().warn({ err, tenantId, authorizerId: id }, 'authorizer token renewal failed; tried again in a minute');
  }
}

/** Renews every live authorizer token with 30 minutes or less left, across shops. */
export const renewAuthorizerTokens: Sweep = {
  name: 'miniprogram.renew-authorizer-tokens',
  async run() {
    const due = await repo.authorizersExpiringBefore(systemContext('miniprogram.renew-authorizer-tokens'), new Date(clock.nowMs() + AUTHORIZER_RENEW_WINDOW_MS), BATCH);
    for (const { tenantId, id } of due) await renewOne(tenantId, id);
    return due.length;
  },
};
