/** Who a brand owner is and which shops are its distributors: the ground every brand figure stands on. */
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { getTenant, listTenants } from '../tenants/index.js';
import { brandErrors } from './errors.js';

export interface Distributor {
  id: number;
  name: string;
  slug: string;
}

/** 403 not_brand_owner unless the request's tenant is a brand owner. */
export async function assertBrandOwner(ctx: Ctx): Promise<number> {
  const id = requireTenantId(ctx);
  if ((await getTenant(ctx, id)).kind !== 'brand_owner') throw brandErrors.notBrandOwner();
  return id;
}

/** The brand owner's child tenants (its distributors), oldest first. */
export async function distributorsOf(ctx: Ctx, brandId: number): Promise<Distributor[]> {
  const out: Distributor[] = [];
  for (let page = 1; ; page++) {
    const p = await listTenants(ctx, { parentId: brandId, page, pageSize: 100 });
    out.push(...p.items.map((t) => ({ id: t.id, name: t.name, slug: t.slug })));
    if (p.items.length < 100) break;
  }
  return out.sort((a, b) => a.id - b.id);
}
