/** One-time sign-in tickets (only their hashes are stored), per shop. */
import { Op } from 'sequelize';
import type { Ctx } from '../../../core/context.js';
import { requireTenantId } from '../../../core/context.js';
import { inTx, insertRow } from '../../../core/db/index.js';
import { SigninTicket } from '../model.js';

export async function insertSigninTicket(ctx: Ctx, fields: { staffId: number; tokenHash: string; expiresAt: Date }): Promise<void> {
  await insertRow(ctx, SigninTicket, { ...fields, usedAt: null });
}

/**
 * Uses the unused, unexpired ticket of this hash in one conditional update, so of two parallel
 * exchanges only one moves it; the staff member it signs in, or null when it was not there to use.
 */
export async function useSigninTicket(ctx: Ctx, tokenHash: string, now: Date): Promise<number | null> {
  const where = { tenantId: requireTenantId(ctx), tokenHash };
  const [used] = await SigninTicket.update({ usedAt: now }, { where: { ...where, usedAt: null, expiresAt: { [Op.gt]: now } }, ...inTx(ctx) });
  if (used !== 1) return null;
  const row = await SigninTicket.findOne({ where, attributes: ['staffId'], ...inTx(ctx) });
  return row ? Number(row.staffId) : null;
}
