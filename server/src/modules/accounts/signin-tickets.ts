/**
 * Handing a session across hosts. Sign-up happens on the platform host, but a console session lives
 * in the shop's own host's storage; sign-up hands the owner a ticket instead of a session in a URL.
 * The ticket is random, stored only as its hash, lives two minutes and is used once (a conditional
 * update, so two parallel exchanges cannot both win); the shop's console exchanges it by POST.
 */
import { issueToken, type IssuedToken } from '../../core/auth/index.js';
import { clock, minutes } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { randomToken, sha256 } from '../../core/crypto.js';
import { accountErrors } from './errors.js';
import { insertSigninTicket, useSigninTicket } from './repository/signin-tickets.js';
import { findStaff } from './repository/staff.js';

export const SIGNIN_TICKET_TTL_MS = minutes(2);

/** A ticket that signs this staff member (of the ctx's shop) in once, within two minutes. */
export async function issueSigninTicket(ctx: Ctx, staffId: number): Promise<string> {
  const ticket = randomToken(32);
  await insertSigninTicket(ctx, { staffId, tokenHash: sha256(ticket), expiresAt: new Date(clock.nowMs() + SIGNIN_TICKET_TTL_MS) });
  return ticket;
}

export async function exchangeSigninTicket(ctx: Ctx, ticket: string): Promise<IssuedToken> {
  const staffId = await useSigninTicket(ctx, sha256(ticket), clock.now());
  const staff = staffId === null ? null : await findStaff(ctx, staffId);
  if (!staff || staff.status !== 'active') throw accountErrors.ticketInvalid();
  const issued = await issueToken(ctx, 'merchant', staff.id, requireTenantId(ctx));
  return { token: issued.token, expiresAt: issued.expiresAt };
}
