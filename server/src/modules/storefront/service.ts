import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { withTransaction } from '../../core/db/index.js';
import { getTenant, updateTenant } from '../tenants/index.js';
import type { Theme } from './model.js';
import * as repo from './repository.js';
import type { BrandingInput } from './schemas.js';

export const DEFAULT_COLOR = '#ee0a24';

export interface StoreView {
  name: string;
  slug: string;
  branding: { logoUrl: string | null; primaryColor: string } & Theme;
}

/** Made with the tenant, in its creating transaction. */
export async function initStorefront(ctx: Ctx, input: { logoUrl?: string | null; primaryColor?: string; theme?: Theme } = {}): Promise<void> {
  await repo.insertStorefront(ctx, { logoUrl: input.logoUrl ?? null, primaryColor: input.primaryColor ?? DEFAULT_COLOR, theme: input.theme ?? {} });
}

export async function storeView(ctx: Ctx): Promise<StoreView> {
  const tenant = await getTenant(ctx, requireTenantId(ctx));
  const s = await repo.findStorefront(ctx);
  return {
    name: tenant.name,
    slug: tenant.slug,
    branding: { logoUrl: s?.logoUrl ?? null, primaryColor: s?.primaryColor ?? DEFAULT_COLOR, ...(s?.theme ?? {}) },
  };
}

export async function updateBranding(ctx: Ctx, input: BrandingInput): Promise<StoreView> {
  return withTransaction(ctx, async (tx) => {
    const tenantId = requireTenantId(tx);
    if (input.name !== undefined) await updateTenant(tx, tenantId, { name: input.name });
    const existing = await repo.findStorefront(tx);
    const values = {
      ...(input.logoUrl !== undefined ? { logoUrl: input.logoUrl } : {}),
      ...(input.primaryColor !== undefined ? { primaryColor: input.primaryColor } : {}),
      ...(input.theme !== undefined ? { theme: { ...(existing?.theme ?? {}), ...input.theme } } : {}),
    };
    if (existing) await repo.updateStorefront(tx, values);
    else await initStorefront(tx, values);
    return storeView(tx);
  });
}
