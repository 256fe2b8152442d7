/** A supplier's people: the applicant is the owner; the owner adds and removes colleagues. */
import { UniqueConstraintError } from 'sequelize';
import { hashPassword, revokeActorSessions } from '../../core/auth/index.js';
import type { Actor, Ctx } from '../../core/context.js';
import { inTx, withTransaction } from '../../core/db/index.js';
import { forbidden, notFound } from '../../core/errors.js';
import { supplierErrors } from './errors.js';
import { SupplierUser } from './model.js';

type SupplierCtx = Ctx & { actor: Extract<Actor, { kind: 'supplier' }> };

export interface SupplierUserView {
  id: number;
  email: string;
  name: string;
  isOwner: boolean;
  status: 'active' | 'disabled';
}

const view = (u: SupplierUser): SupplierUserView => ({ id: u.id, email: u.email, name: u.name, isOwner: u.isOwner, status: u.status });

async function assertOwner(ctx: SupplierCtx): Promise<void> {
  const me = await SupplierUser.findByPk(ctx.actor.id, inTx(ctx));
  if (!me?.isOwner) throw forbidden('Only the supplier\'s owner manages its staff', 'owner_only');
}

export async function listSupplierStaff(ctx: SupplierCtx): Promise<SupplierUserView[]> {
  const rows = await SupplierUser.findAll({ where: { supplierId: ctx.actor.supplierId }, order: [['id', 'ASC']], ...inTx(ctx) });
  return rows.map(view);
}

export async function addSupplierStaff(ctx: SupplierCtx, input: { email: string; name: string; password: string }): Promise<SupplierUserView> {
  await assertOwner(ctx);
  try {
    const u = await SupplierUser.create(
      { supplierId: ctx.actor.supplierId, email: input.email, name: input.name, passwordHash: await hashPassword(input.password), isOwner: false, status: 'active' },
      inTx(ctx),
    );
    return view(u);
  } catch (err) {
    if (err instanceof UniqueConstraintError) throw supplierErrors.emailTaken(input.email);
    throw err;
  }
}

export async function removeSupplierStaff(ctx: SupplierCtx, id: number): Promise<SupplierUserView> {
  await assertOwner(ctx);
  return withTransaction(ctx, async (tx) => {
    const u = await SupplierUser.findOne({ where: { supplierId: ctx.actor.supplierId, id }, ...inTx(tx) });
    if (!u) throw notFound('Supplier user');
    if (u.isOwner) throw forbidden('The owner cannot be removed', 'owner_protected');
    await u.update({ status: 'disabled' }, inTx(tx));
    await revokeActorSessions(tx, 'supplier', u.id, null);
    return view(u);
  });
}
