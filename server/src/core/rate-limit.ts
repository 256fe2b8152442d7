/**
 * Fixed-window rate limits on the shared cache (Redis across nodes, in-process when embedded):
 * sign-in and sign-up per IP and per account, SMS codes per phone. Switched off with RATE_LIMITS=off.
 */
import { cache } from './cache.js';
import { clock } from './clock.js';
import { config } from './config.js';
import type { Ctx } from './context.js';
import { rateLimited } from './errors.js';

export interface RateLimitRule {
  /** Names the counter, e.g. `signin:ip`. */
  name: string;
  /** A number, or read at each hit so configuration changes apply at once. */
  limit: number | (() => number);
  windowSeconds: number;
  /** The 429's code when it should say more than `rate_limited` (a flash sale's buy button). */
  code?: string;
}

/** Counts one hit for `subject` (an IP, an email, a phone) and throws 429 once over the limit. */
export async function hit(rule: RateLimitRule, subject: string): Promise<void> {
  if (!config().rateLimits.enabled) return;
  const nowSeconds = Math.floor(clock.nowMs() / 1000);
  const window = Math.floor(nowSeconds / rule.windowSeconds);
  const key = `rl:${rule.name}:${subject}:${window}`;
  const count = await cache().incr(key, rule.windowSeconds);
  const limit = typeof rule.limit === 'function' ? rule.limit() : rule.limit;
  if (count > limit) {
    const retryAfter = rule.windowSeconds - (nowSeconds % rule.windowSeconds);
    throw rateLimited(retryAfter, rule.code);
  }
}

/** A rate limit's subject for signed-in routes: the actor (kind, shop and id), not its address. */
export function actorKey(_input: unknown, ctx: Ctx): string | undefined {
  const actor = ctx.actor;
  return 'id' in actor ? `${actor.kind}:${ctx.tenantId ?? 0}:${actor.id}` : undefined;
}

/**
 * The limits every sign-in style route shares: attempts per client IP per minute, and per login
 * name (email or phone in the body) from one IP per minute. Never per login name alone: anyone
 * could then keep its owner answered 429. Lockout after repeated failures is separate
 * (core/auth/sign-in.ts).
 */
export function signInLimits(scope: string) {
  const perIp: RateLimitRule = { name: `${scope}:ip`, limit: () => config().rateLimits.signInPerIpPerMinute, windowSeconds: 60 };
  const perLogin: RateLimitRule = { name: `${scope}:login`, limit: 10, windowSeconds: 60 };
  return [
    { rule: perIp },
    {
      rule: perLogin,
      key: (input: { body: unknown }, ctx: Ctx) => {
        const body = (input.body ?? {}) as { email?: string; phone?: string };
        const login = body.email ?? body.phone;
        return login ? `${login.toLowerCase()}@${ctx.ip ?? 'unknown'}` : undefined;
      },
    },
  ];
}

export function signUpLimits(scope: string) {
  return [{ rule: { name: `${scope}:ip`, limit: () => config().rateLimits.signUpPerIpPerHour, windowSeconds: 3600 } }];
}
