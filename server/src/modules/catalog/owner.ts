import type { Ctx } from '../../core/context.js';
import { forbidden } from '../../core/errors.js';
import type { OwnerKind } from './model.js';

export interface Owner {
  kind: OwnerKind;
  id: number;
}

/** The catalog owner a request acts for: the supplier of supplier staff, the tenant of merchant staff. */
export function ownerOf(ctx: Ctx): Owner {
  if (ctx.actor.kind === 'supplier') return { kind: 'supplier', id: ctx.actor.supplierId };
  if (ctx.actor.kind === 'merchant') return { kind: 'tenant', id: ctx.actor.tenantId };
  throw forbidden('Only suppliers and merchants own products');
}

export const sameOwner = (a: Owner, b: { ownerKind: OwnerKind; ownerId: number }) => a.kind === b.ownerKind && a.id === b.ownerId;
