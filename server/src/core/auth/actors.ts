/**
 * From a verified token to the acting account. Each module that owns an account kind registers how
 * to load it (staff with their role's permissions, shoppers, operators, supplier staff); a
 * disabled or deleted account yields null and the request is unauthenticated.
 */
import { runInContext, systemContext, type Actor } from '../context.js';
import { authenticateToken } from './sessions.js';
import type { TokenClaims, TokenKind } from './tokens.js';

export type ActorLoader = (claims: TokenClaims) => Promise<Actor | null>;

const loaders = new Map<TokenKind, ActorLoader>();

export function registerActorLoader(kind: TokenKind, loader: ActorLoader): void {
  loaders.set(kind, loader);
}

export async function actorFromToken(token: string): Promise<Actor | null> {
  const claims = await authenticateToken(token);
  if (!claims) return null;
  const loader = loaders.get(claims.kind);
  if (!loader) return null;
  return runInContext(systemContext('authenticate', claims.tid), () => loader(claims));
}
