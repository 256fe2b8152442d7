/** A suspended supplier's products leave the market; they come back when the supplier is resumed. */
import type { Ctx } from '../../core/context.js';
import { inTx } from '../../core/db/index.js';
import { on } from '../../core/events.js';
import { supplierApproved, supplierSuspended } from '../suppliers/index.js';
import { Product } from './model.js';
import { setListed } from './product-service.js';

const SUSPENDED = 'supplier suspended';

async function delistAll(ctx: Ctx, supplierId: number): Promise<void> {
  const live = await Product.findAll({ where: { ownerKind: 'supplier', ownerId: supplierId, status: 'approved' }, attributes: ['id'], raw: true, ...inTx(ctx) });
  for (const p of live) await setListed(ctx, 'platform', p.id, false, SUSPENDED);
}

async function relistSuspended(ctx: Ctx, supplierId: number): Promise<void> {
  const held = await Product.findAll({ where: { ownerKind: 'supplier', ownerId: supplierId, status: 'delisted', rejectReason: SUSPENDED }, attributes: ['id'], raw: true, ...inTx(ctx) });
  for (const p of held) await setListed(ctx, 'platform', p.id, true);
}

export const supplierReactions = [
  on(supplierSuspended, 'catalog.delist-products', (ctx, e) => delistAll(ctx, e.supplierId)),
  on(supplierApproved, 'catalog.relist-products', (ctx, e) => relistSuspended(ctx, e.supplierId)),
] as const;
