/** A suspended supplier's products leave the market; they come back when the supplier is resumed. */
import type { Ctx } from '../../core/context.js';
import { on } from '../../core/events.js';
import { supplierApproved, supplierSuspended } from '../suppliers/index.js';
import { setListed } from './product-service.js';
import { productIdsWhere } from './repository/products.js';

const SUSPENDED = 'supplier suspended';

async function delistAll(ctx: Ctx, supplierId: number): Promise<void> {
  const live = await productIdsWhere(ctx, { ownerKind: 'supplier', ownerId: supplierId, status: 'approved' });
  for (const id of live) await setListed(ctx, 'platform', id, false, SUSPENDED);
}

async function relistSuspended(ctx: Ctx, supplierId: number): Promise<void> {
  const held = await productIdsWhere(ctx, { ownerKind: 'supplier', ownerId: supplierId, status: 'delisted', rejectReason: SUSPENDED });
  for (const id of held) await setListed(ctx, 'platform', id, true);
}

export const supplierReactions = [
  on(supplierSuspended, 'catalog.delist-products', (ctx, e) => delistAll(ctx, e.supplierId)),
  on(supplierApproved, 'catalog.relist-products', (ctx, e) => relistSuspended(ctx, e.supplierId)),
];
