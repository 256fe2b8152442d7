/**
 * Sign-in guarded against guessing without handing anyone a way to lock others out. One account
 * (kind, shop, login name) is guarded two ways, both on the shared cache so they hold across API
 * nodes, each by one atomic cache operation (a try is counted before it is checked, never read
 * and then written):
 *
 * - per account AND client address: `login.maxFailures` wrong tries from one address lock that
 *   address out of that account for `login.lockMinutes`. Another address, the owner's, is not
 *   touched by it;
 * - per account, from addresses it has not been signed in from: past `login.accountFailures`
 *   wrong tries in `login.accountWindowMinutes`, each further try from such an address must wait
 *   its turn: one try per delay, the delay doubling per wrong try up to
 *   `login.accountMaxDelaySeconds`. No CAPTCHA, no lock: a botnet spread over many addresses gets
 *   a guess a minute or two, and an address the account signed in from before (for
 *   `login.knownAddressDays`) is not slowed at all, so the owner at home still signs in at once.
 *
 * The client address is the request's (express's req.ip): behind proxies TRUST_PROXY must name the
 * hops, never "trust everyone", or a client could pick its address and dodge or aim these guards.
 * One error for every wrong answer, and unknown accounts take as long as known ones.
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

/** Whose account a sign-in tries: the kind, the shop (null for platform and suppliers) and the login name. */
export interface SignInSubject {
  kind: TokenKind;
  tenantId: number | null;
  login: string;
}

export interface SignInRequest extends SignInSubject {
  password: string;
  find: () => Promise<SignInAccount | null>;
}

export const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'Wrong account or password');

const DAY_SECONDS = 86_400;

function keysOf(subject: SignInSubject, ip: string | null) {
  const account = `${subject.kind}:${subject.tenantId ?? 0}:${subject.login.toLowerCase()}`;
  const address = ip ?? 'unknown';
  return {
    fromAddress: `signin:addr:${account}:${address}`,
    account: `signin:acct:${account}`,
    turn: `signin:turn:${account}`,
    known: `signin:known:${account}:${address}`,
  };
}

const retryAfter = async (key: string) => Math.max(1, await cache().ttlSeconds(key));

/** A try counted against the account, to be settled as a success or left standing as a failure. */
interface Claim {
  keys: ReturnType<typeof keysOf>;
  countedForAccount: boolean;
}

async function claimTry(ctx: Ctx, subject: SignInSubject): Promise<Claim> {
  const c = config().login;
  const keys = keysOf(subject, ctx.ip);
  if ((await cache().incr(keys.fromAddress, c.lockMinutes * 60)) > c.maxFailures) {
    const seconds = await retryAfter(keys.fromAddress);
    throw new AppError(429, 'account_locked', `Too many failed sign-ins from this address; try again in ${Math.ceil(seconds / 60)} minutes`, { retryAfterSeconds: seconds });
  }
  if (await cache().get(keys.known)) return { keys, countedForAccount: false };
  const tries = await cache().incr(keys.account, c.accountWindowMinutes * 60);
  if (tries > c.accountFailures) {
    const delayMs = Math.min(c.accountMaxDelaySeconds * 1000, 1000 * 2 ** Math.min(20, tries - c.accountFailures - 1));
    if (!(await cache().setIfAbsent(keys.turn, '1', delayMs))) {
      // a try refused before any guess is no guess: neither count keeps it
      await cache().incr(keys.account, c.accountWindowMinutes * 60, -1);
      await cache().incr(keys.fromAddress, c.lockMinutes * 60, -1);
      const seconds = await retryAfter(keys.turn);
      throw new AppError(429, 'sign_in_delayed', `Many failed sign-ins to this account; try again in ${seconds} seconds`, { retryAfterSeconds: seconds });
    }
  }
  return { keys, countedForAccount: true };
}

async function settleSuccess(claim: Claim): Promise<void> {
  const c = config().login;
  await cache().del(claim.keys.fromAddress);
  if (claim.countedForAccount) await cache().incr(claim.keys.account, c.accountWindowMinutes * 60, -1);
  await cache().set(claim.keys.known, '1', c.knownAddressDays * DAY_SECONDS);
}

/**
 * Runs `verify` (a password or one-time code check that throws when wrong) as one guarded try of
 * the subject's account from the request's address. A throw leaves the try counted.
 */
export async function guardedSignIn<T>(ctx: Ctx, subject: SignInSubject, verify: () => Promise<T>): Promise<T> {
  const claim = await claimTry(ctx, subject);
  const result = await verify();
  await settleSuccess(claim);
  return result;
}

/** Verifies the password and opens a session; returns the account id with its token. */
export async function passwordSignIn(ctx: Ctx, request: SignInRequest): Promise<IssuedToken & { accountId: number }> {
  const { kind, tenantId, password } = request;
  const account = await guardedSignIn(ctx, request, async () => {
    const found = await request.find();
    const ok = (await verifyPassword(password, found?.passwordHash)) && !!found?.active;
    if (!ok || !found) throw invalidCredentials();
    return found;
  });
  const issued = await issueToken(ctx, kind, account.id, tenantId);
  return { ...issued, accountId: account.id };
}
