/** The storefront's one row per shop: its branding, read and written for the ctx's tenant. */
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { inTx } from '../../core/db/index.js';
import { StorefrontSettings, type Theme } from './model.js';

export interface StorefrontRow {
  logoUrl: string | null;
  primaryColor: string;
  theme: Theme;
}

export async function findStorefront(ctx: Ctx): Promise<StorefrontRow | null> {
  const s = await StorefrontSettings.findOne({ where: { tenantId: requireTenantId(ctx) }, ...inTx(ctx) });
  return s ? { logoUrl: s.logoUrl, primaryColor: s.primaryColor, theme: s.theme } : null;
}

export async function insertStorefront(ctx: Ctx, row: StorefrontRow): Promise<void> {
  await StorefrontSettings.create({ tenantId: requireTenantId(ctx), ...row }, inTx(ctx));
}

/** Nothing to change sends no statement. */
export async function updateStorefront(ctx: Ctx, changes: Partial<StorefrontRow>): Promise<void> {
  if (!Object.keys(changes).length) return;
  await StorefrontSettings.update(changes, { where: { tenantId: requireTenantId(ctx) }, ...inTx(ctx) });
}
