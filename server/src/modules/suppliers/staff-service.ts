/** A supplier's people: the applicant is the owner; the owner adds and removes colleagues. */
import { UniqueConstraintError } from 'sequelize';
import { hashPassword, revokeActorSessions } from '../../core/auth/index.js';
import type { Actor, Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/db/index.js';
import { forbidden, notFound } from '../../core/errors.js';
import { supplierErrors } from './errors.js';
import * as repo from './repository.js';
import type { SupplierUserRow, SupplierUserStatus } from './repository.js';

type SupplierCtx = Ctx & { actor: Extract<Actor, { kind: 'supplier' }> };

export interface SupplierUserView {
  id: number;
  email: string;
  name: string;
  isOwner: boolean;
  status: SupplierUserStatus;
}

const view = (u: SupplierUserRow): SupplierUserView => ({ id: u.id, email: u.email, name: u.name, isOwner: u.isOwner, status: u.status });

async function assertOwner(ctx: SupplierCtx): Promise<void> {
  const me = await repo.findSupplierUser(ctx, ctx.actor.id);
  if (!me?.isOwner) throw forbidden('Only the supplier\'s owner manages its staff', 'owner_only');
}

export async function listSupplierStaff(ctx: SupplierCtx): Promise<SupplierUserView[]> {
  return (await repo.supplierUsersOf(ctx, ctx.actor.supplierId)).map(view);
}

export async function addSupplierStaff(ctx: SupplierCtx, input: { email: string; name: string; password: string }): Promise<SupplierUserView> {
  await assertOwner(ctx);
  try {
    const u = await repo.insertSupplierUser(ctx, {
      supplierId: ctx.actor.supplierId,
      email: input.email,
      name: input.name,
      passwordHash: await hashPassword(input.password),
      isOwner: false,
      status: 'active',
    });
    return view(u);
  } catch (err) {
    if (err instanceof UniqueConstraintError) throw supplierErrors.emailTaken(input.email);
    throw err;
  }
}

export async function removeSupplierStaff(ctx: SupplierCtx, id: number): Promise<SupplierUserView> {
  await assertOwner(ctx);
  return withTransaction(ctx, async (tx) => {
    const u = await repo.findSupplierUserOf(tx, ctx.actor.supplierId, id);
    if (!u) throw notFound('Supplier user');
    if (u.isOwner) throw forbidden('The owner cannot be removed', 'owner_protected');
    await repo.updateSupplierUserRow(tx, u.id, { status: 'disabled' });
    await revokeActorSessions(tx, 'supplier', u.id, null);
    return view({ ...u, status: 'disabled' });
  });
}
