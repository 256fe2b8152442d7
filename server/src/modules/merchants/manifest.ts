/**
 * Tenants as code: apply a `tenants/<slug>.json` manifest idempotently. Creates what is missing,
 * updates what changed (name, plan, kind, parent, branding, settings), never deletes, and sets
 * passwords only when it creates an account. A module adds its own section to a manifest (its demo
 * data: `webhooks: [...]`) by contributing a `manifestSection`, with the section's schema: a
 * manifest is checked against every section before anything is written, and an unknown key is an
 * error rather than silently ignored.
 */
import type { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { inTenant } from '../../core/context.js';
import { withTransaction } from '../../core/db/index.js';
import { contribute, contributionsTo, defineHook, type HookContribution } from '../../core/hooks.js';
import { createBuiltinRoles, createOwner, createStaff, listRoles, staffByEmail } from '../accounts/index.js';
import { ensureCustomer } from '../customers/index.js';
import { initStorefront, updateBranding } from '../storefront/index.js';
import { addApp, addDomain, createTenant, findTenantBySlug, listApps, listDomains, toRef, updateTenant } from '../tenants/index.js';
import { manifestSchema, type Manifest } from './schemas.js';

export interface ApplyResult {
  slug: string;
  tenantId: number;
  created: boolean;
  changes: string[];
}

/** A module's part of a manifest: the key it owns, what that key holds, and how it is applied (idempotently). */
export interface ManifestSection<T> {
  readonly schema: z.ZodType<T>;
  readonly apply: (ctx: Ctx, value: T, changes: string[]) => Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const manifestSections = defineHook<ManifestSection<any>>('merchants.manifest-sections', 'named');

/** A module's section, applied inside the tenant after the core steps, in `order`; listed in its declaration's hooks. */
export function manifestSection<T>(key: string, section: ManifestSection<T>, order = 100): HookContribution {
  return contribute(manifestSections, key, section, order);
}

function schemaWithSections() {
  const contributed = contributionsTo(manifestSections);
  const taken = contributed.find((c) => c.name in manifestSchema.shape);
  if (taken) throw new Error(`manifest section ${taken.name} is a key the manifest has already`);
  const sections = Object.fromEntries(contributed.map((c) => [c.name, c.value.schema.optional()]));
  return manifestSchema.extend(sections).strict();
}

export function parseManifest(raw: unknown): Manifest & Record<string, unknown> {
  return schemaWithSections().parse(raw) as Manifest & Record<string, unknown>;
}

export async function applyManifest(ctx: Ctx, raw: unknown): Promise<ApplyResult> {
  const m = parseManifest(raw);
  const changes: string[] = [];
  const result = await withTransaction(ctx, async (tx) => {
    const parent = m.parent ? await findTenantBySlug(tx, m.parent) : null;
    if (m.parent && !parent) throw new Error(`manifest ${m.slug}: parent tenant ${m.parent} does not exist (apply it first)`);
    let tenant = await findTenantBySlug(tx, m.slug);
    const created = !tenant;
    if (!tenant) {
      tenant = await createTenant(tx, { slug: m.slug, name: m.name, kind: m.kind, parentId: parent?.id ?? null, plan: m.plan, planExpiresAt: m.planExpiresAt ? new Date(m.planExpiresAt) : null });
      changes.push('tenant created');
    } else if (tenant.name !== m.name || tenant.plan !== m.plan || tenant.kind !== m.kind || (tenant.parentId ?? null) !== (parent?.id ?? null)) {
      const parentId = parent?.id ?? null;
      await updateTenant(tx, tenant.id, { name: m.name, plan: m.plan, kind: m.kind, ...((tenant.parentId ?? null) !== parentId ? { parentId } : {}) });
      // the shop's context below sees its new parent, as it did when the row was moved in place
      tenant = { ...tenant, parentId };
      changes.push('tenant updated');
    }
    if (m.settings) await updateTenant(tx, tenant.id, { settings: m.settings });

    await inTenant(tx, toRef(tenant), async (tc) => {
      if (created) {
        await createBuiltinRoles(tc);
        await initStorefront(tc);
        await createOwner(tc, m.owner);
        changes.push(`owner ${m.owner.email}`);
      }
      if (m.branding) await updateBranding(tc, m.branding);

      const domains = new Set((await listDomains(tc, tenant!.id)).map((d) => d.domain));
      for (const domain of m.domains) {
        if (!domains.has(domain.toLowerCase())) {
          await addDomain(tc, tenant!.id, domain);
          changes.push(`domain ${domain}`);
        }
      }
      const apps = new Set((await listApps(tc, tenant!.id)).map((a) => a.appid));
      for (const app of m.apps) {
        if (!apps.has(app.appid)) {
          await addApp(tc, tenant!.id, app);
          changes.push(`app ${app.appid}`);
        }
      }

      const roles = await listRoles(tc);
      for (const s of m.staff) {
        if (await staffByEmail(tc, s.email)) continue;
        const role = roles.find((r) => r.code === s.role);
        if (!role) throw new Error(`manifest ${m.slug}: no built-in role ${s.role}`);
        await createStaff(tc, { email: s.email, name: s.name, roleId: role.id, password: s.password });
        changes.push(`staff ${s.email}`);
      }
      for (const c of m.demo?.customers ?? []) {
        if ((await ensureCustomer(tc, c)).created) changes.push(`customer ${c.phone}`);
      }
      for (const { name, value } of contributionsTo(manifestSections)) {
        if (m[name] !== undefined) await value.apply(tc, m[name], changes);
      }
    });
    return { slug: m.slug, tenantId: tenant.id, created };
  });
  return { ...result, changes };
}
