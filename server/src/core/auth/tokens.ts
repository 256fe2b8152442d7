/**
 * Bearer tokens: compact HMAC-SHA256 JWTs signed with APP_SECRET. They name a session (sid), the
 * actor kind, the actor and (for merchant staff and shoppers) the tenant; the session row makes
 * them revocable before they expire.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { config } from '../config.js';

export type TokenKind = 'platform' | 'supplier' | 'merchant' | 'shopper';

export interface TokenClaims {
  sid: string;
  kind: TokenKind;
  sub: number;
  tid: number | null;
  iat: number;
  exp: number;
}

const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function sign(input: string): string {
  return createHmac('sha256', config().appSecret).update(input).digest('base64url');
}

export function signToken(claims: TokenClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${header}.${body}.${sign(`${header}.${body}`)}`;
}

const kinds = new Set<TokenKind>(['platform', 'supplier', 'merchant', 'shopper']);

/**
 * Tokens whose signature was checked, with their claims: a signed-in client sends the same token
 * on every request, and the HMAC is the dearest step of reading it. Bounded; forgotten whole when
 * full, and with the secret (tests change it).
 */
const verified = new Map<string, TokenClaims>();
const VERIFIED_MAX = 20_000;
let verifiedSecret = '';

/** The claims of a well-signed, unexpired token; null for anything else. */
export function verifyToken(token: string, nowSeconds = Math.floor(Date.now() / 1000)): TokenClaims | null {
  const secret = config().appSecret;
  if (secret !== verifiedSecret) {
    verified.clear();
    verifiedSecret = secret;
  }
  const known = verified.get(token);
  if (known) return known.exp > nowSeconds ? known : null;
  const claims = checkToken(token, nowSeconds);
  if (claims) {
    if (verified.size >= VERIFIED_MAX) verified.clear();
    verified.set(token, Object.freeze(claims));
  }
  return claims;
}

function checkToken(token: string, nowSeconds: number): TokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== header) return null;
  const expected = Buffer.from(sign(`${parts[0]}.${parts[1]}`));
  const given = Buffer.from(parts[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as TokenClaims;
    if (!kinds.has(claims.kind) || typeof claims.sid !== 'string' || !Number.isInteger(claims.sub)) return null;
    if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return null;
    return claims;
  } catch {
    return null;
  }
}
