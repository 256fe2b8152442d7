/**
 * From a verified token to the acting account. Each module that owns an account kind contributes
 * how to load it to the `actorLoaders` hook, named by the token kind (staff with their role's permissions, shoppers, operators, supplier staff); a
 * disabled or deleted account yields null and the request is unauthenticated.
 */
import { clock } from '../clock.js';
import { contribute, defineHook, namedContribution, type HookContribution } from '../hooks.js';
import { runInContext, systemContext, type Actor } from '../context.js';
import { cachedSession, rememberSession, sessionHolds } from './sessions.js';
import { verifyToken, type TokenClaims, type TokenKind } from './tokens.js';

export type ActorLoader = (claims: TokenClaims) => Promise<Actor | null>;

export interface ActorLoaderOptions {
  /**
   * Keep the loaded actor with the session in the session cache, so a request reads neither the
   * session nor the account while the entry lives. Only for an actor made of what every change
   * to it revokes: disabling such an account must revoke its sessions (revokeActorSessions).
   */
  cacheWithSession?: boolean;
}

export interface ActorLoading extends ActorLoaderOptions {
  load: ActorLoader;
}

/** One loader per token kind: `contribute(actorLoaders, 'merchant', { load, cacheWithSession })`. */
export const actorLoaders = defineHook<ActorLoading>('auth.actor-loaders', 'named');

/** A contribution to `actorLoaders` for one token kind. */
export function actorLoader(kind: TokenKind, load: ActorLoader, options: ActorLoaderOptions = {}): HookContribution {
  return contribute(actorLoaders, kind, { load, ...options });
}

export async function actorFromToken(token: string): Promise<Actor | null> {
  const claims = verifyToken(token, Math.floor(clock.nowMs() / 1000));
  if (!claims) return null;
  const loader = namedContribution(actorLoaders, claims.kind);
  if (!loader) return null;
  const cached = await cachedSession(claims.sid);
  if (cached === 'revoked') return null;
  if (cached?.startsWith('{') && loader.cacheWithSession) return JSON.parse(cached) as Actor;
  if (cached === null && !(await sessionHolds(claims))) {
    await rememberSession(claims.sid, 'revoked');
    return null;
  }
  const actor = await runInContext(systemContext('authenticate', claims.tid), () => loader.load(claims));
  // a disabled account is not cached as revoked: enabling it again lets its sessions back in
  if (actor && cached === null) await rememberSession(claims.sid, loader.cacheWithSession ? JSON.stringify(actor) : 'ok');
  return actor;
}
