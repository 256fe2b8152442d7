/**
 * Who owns goods and what ships them (products, warehouses, freight templates): a supplier, or a
 * shop for its own goods. The catalog and fulfilment modules both key their rows by it.
 */
import type { Ctx } from './context.js';
import { forbidden } from './errors.js';

export type OwnerKind = 'supplier' | 'tenant';

export interface Owner {
  kind: OwnerKind;
  id: number;
}

/** The owner a request acts for: the supplier of supplier staff, the shop of merchant staff. */
export function ownerOf(ctx: Ctx): Owner {
  if (ctx.actor.kind === 'supplier') return { kind: 'supplier', id: ctx.actor.supplierId };
  if (ctx.actor.kind === 'merchant') return { kind: 'tenant', id: ctx.actor.tenantId };
  throw forbidden('Only suppliers and merchants own products');
}

export const sameOwner = (a: Owner, b: { ownerKind: OwnerKind; ownerId: number }) => a.kind === b.ownerKind && a.id === b.ownerId;
