/**
 * Password sign-in shared by every account kind: failed-login lockout (per login name, on the
 * shared cache so it holds across API nodes), constant-time behaviour for unknown accounts, one
 * error for every failure so an attacker learns nothing about which part was wrong.
 */
import { cache } from '../cache.js';
import { config } from '../config.js';
import type { Ctx } from '../context.js';
import { AppError } from '../errors.js';
import { verifyPassword } from './passwords.js';
import { issueToken, type IssuedToken } from './sessions.js';
import type { TokenKind } from './tokens.js';

export interface SignInAccount {
  id: number;
  passwordHash: string | null;
  /** Only active accounts may sign in; others fail like a wrong password. */
  active: boolean;
}

export interface SignInRequest {
  kind: TokenKind;
  tenantId: number | null;
  login: string;
  password: string;
  find: () => Promise<SignInAccount | null>;
}

const failuresKey = (kind: TokenKind, tenantId: number | null, login: string) => `login-fail:${kind}:${tenantId ?? 0}:${login.toLowerCase()}`;

export const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'Wrong account or password');

export async function assertNotLocked(kind: TokenKind, tenantId: number | null, login: string): Promise<void> {
  const key = failuresKey(kind, tenantId, login);
  const failures = Number((await cache().get(key)) ?? 0);
  if (failures >= config().login.maxFailures) {
    const retryAfterSeconds = Math.max(1, await cache().ttlSeconds(key));
    throw new AppError(429, 'account_locked', `Too many failed sign-ins; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`, { retryAfterSeconds });
  }
}

export async function recordFailure(kind: TokenKind, tenantId: number | null, login: string): Promise<void> {
  await cache().incr(failuresKey(kind, tenantId, login), config().login.lockMinutes * 60);
}

export async function clearFailures(kind: TokenKind, tenantId: number | null, login: string): Promise<void> {
  await cache().del(failuresKey(kind, tenantId, login));
}

/** Verifies the password and opens a session; returns the account id with its token. */
export async function passwordSignIn(ctx: Ctx, request: SignInRequest): Promise<IssuedToken & { accountId: number }> {
  const { kind, tenantId, login, password } = request;
  await assertNotLocked(kind, tenantId, login);
  const account = await request.find();
  const ok = (await verifyPassword(password, account?.passwordHash)) && !!account?.active;
  if (!ok || !account) {
    await recordFailure(kind, tenantId, login);
    throw invalidCredentials();
  }
  await clearFailures(kind, tenantId, login);
  const issued = await issueToken(ctx, kind, account.id, tenantId);
  return { ...issued, accountId: account.id };
}
