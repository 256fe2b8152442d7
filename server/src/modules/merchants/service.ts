import { issueToken } from '../../core/auth/index.js';
import type { Ctx } from '../../core/context.js';
import { inTenant, requireTenantId } from '../../core/context.js';
import { withTransaction, type PageQuery } from '../../core/db/index.js';
import { emit } from '../../core/events.js';
import { tenantCreated } from './events.js';
import { tenantUrl } from '../../core/tenancy.js';
import { createBuiltinRoles, createOwner, invite, issueSigninTicket } from '../accounts/index.js';
import { initStorefront } from '../storefront/index.js';
import { createTenant, getTenant, listTenants, tenantErrors, toRef, viewOf, type Plan, type TenantView } from '../tenants/index.js';

export interface SignupInput {
  storeName: string;
  slug: string;
  email: string;
  password: string;
}

/** Tenant, roles, owner and storefront in one transaction; the owner comes back signed in. */
export async function signUp(ctx: Ctx, input: SignupInput): Promise<{ tenant: { id: number; slug: string; name: string; host: string }; token: string; expiresAt: string; ticket: string }> {
  return withTransaction(ctx, async (tx) => {
    const tenant = await createTenant(tx, { slug: input.slug, name: input.storeName, plan: 'trial' });
    return inTenant(tx, toRef(tenant), async (tenantCtx) => {
      await createBuiltinRoles(tenantCtx);
      const owner = await createOwner(tenantCtx, { email: input.email, name: input.storeName, password: input.password });
      await initStorefront(tenantCtx);
      await emit(tenantCtx, tenantCreated, { tenantId: tenant.id, via: 'signup' });
      const issued = await issueToken(tenantCtx, 'merchant', owner.id, tenant.id);
      // the console runs on the shop's own host, whose storage the platform host's page cannot write
      const ticket = await issueSigninTicket(tenantCtx, owner.id);
      const view = viewOf(tenant);
      return { tenant: { id: view.id, slug: view.slug, name: view.name, host: view.host }, token: issued.token, expiresAt: issued.expiresAt, ticket };
    });
  });
}

export interface DistributorInput {
  storeName: string;
  slug: string;
  ownerEmail: string;
  plan?: Plan;
}

/** A brand owner creates a child tenant for a distributor and invites its owner by email. */
export async function onboardDistributor(ctx: Ctx, input: DistributorInput): Promise<TenantView & { invitation: { email: string; expiresAt: string } }> {
  const parent = await getTenant(ctx, requireTenantId(ctx));
  if (parent.kind !== 'brand_owner') throw tenantErrors.notBrandOwner();
  return withTransaction(ctx, async (tx) => {
    const child = await createTenant(tx, { slug: input.slug, name: input.storeName, parentId: parent.id, plan: input.plan ?? parent.plan });
    return inTenant(tx, toRef(child), async (childCtx) => {
      await createBuiltinRoles(childCtx);
      await initStorefront(childCtx);
      const invitation = await invite(childCtx, {
        email: input.ownerEmail,
        asOwner: true,
        consoleUrl: tenantUrl(child.slug, '/admin/'),
        shopName: `${child.name} (${parent.name})`,
      });
      await emit(childCtx, tenantCreated, { tenantId: child.id, via: 'distributor', parentId: parent.id });
      return { ...viewOf(child), invitation: { email: invitation.email, expiresAt: invitation.expiresAt } };
    });
  });
}

export async function listDistributors(ctx: Ctx, q: PageQuery & { status?: 'active' | 'suspended' }) {
  return listTenants(ctx, { ...q, parentId: requireTenantId(ctx) });
}
