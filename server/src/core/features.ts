/**
 * Plan features: what a plan can switch on or off for a tenant. A module lists its features in its
 * declaration (`installFeatures` collects them); a plan lists the features it enables
 * (`installPlans`, from the tenants module's plan table). A request's context carries its
 * tenant's feature set (`ctx.features`); a route or socket event that names a feature the plan
 * lacks answers 403 `plan_feature_unavailable`, and a plan past its expiry answers 403
 * `plan_expired` where `planRefusal` says so (see tenants/CONTEXT.md for the rule).
 */
import type { TenantRef } from './context.js';
import { AppError } from './errors.js';

export interface FeatureDef {
  /** `<module>.<capability>` (`marketing.flash-sale`). */
  readonly key: string;
  readonly label: { readonly zh: string; readonly en: string };
}

export function defineFeature(key: string, zh: string, en: string): FeatureDef {
  return { key, label: { zh, en } };
}

/** A plan enables every feature (`'all'`, today's and those added later) or the ones it lists. */
export interface PlanDef {
  readonly label: { readonly zh: string; readonly en: string };
  readonly features: 'all' | readonly string[];
}

const features = new Map<string, FeatureDef>();
let plans: Readonly<Record<string, PlanDef>> = {};
const resolved = new Map<string, ReadonlySet<string>>();

export function installFeatures(list: readonly FeatureDef[]): void {
  for (const f of list) {
    if (features.has(f.key)) throw new Error(`feature ${f.key} declared twice`);
    features.set(f.key, f);
  }
  resolved.clear();
}

export function installPlans(table: Readonly<Record<string, PlanDef>>): void {
  plans = table;
  resolved.clear();
}

export function installedFeatures(): readonly FeatureDef[] {
  return [...features.values()];
}

export function isFeature(key: string): boolean {
  return features.has(key);
}

/** Checked once everything is installed: a plan naming an undeclared feature is a typo. */
export function assertPlansKnowTheirFeatures(): void {
  for (const [name, plan] of Object.entries(plans)) {
    if (plan.features === 'all') continue;
    const unknown = plan.features.filter((key) => !features.has(key));
    if (unknown.length) throw new Error(`plan ${name} enables undeclared features: ${unknown.join(', ')}`);
  }
}

const NONE: ReadonlySet<string> = new Set();

/** The features a plan enables (an unknown plan enables none). */
export function featuresOfPlan(plan: string): ReadonlySet<string> {
  let set = resolved.get(plan);
  if (!set) {
    const def = plans[plan];
    set = !def ? NONE : new Set(def.features === 'all' ? features.keys() : def.features);
    resolved.set(plan, set);
  }
  return set;
}

export function featureUnavailable(key: string): AppError {
  const label = features.get(key)?.label;
  return new AppError(403, 'plan_feature_unavailable', `Your plan does not include ${label ? `${label.en} (${label.zh})` : key}`, { feature: key });
}

/** Throws 403 plan_feature_unavailable unless the context's tenant's plan enables the feature. */
export function requireFeature(ctx: { features: ReadonlySet<string> }, key: string): void {
  if (!ctx.features.has(key)) throw featureUnavailable(key);
}

export function isPlanExpired(tenant: Pick<TenantRef, 'planExpiresAt'>, nowMs: number): boolean {
  return !!tenant.planExpiresAt && Date.parse(tenant.planExpiresAt) <= nowMs;
}

export function planExpired(tenant: Pick<TenantRef, 'slug' | 'planExpiresAt'>): AppError {
  return new AppError(403, 'plan_expired', `The plan of ${tenant.slug} expired at ${tenant.planExpiresAt}; renew it to reopen the shop`, { expiredAt: tenant.planExpiresAt });
}

/**
 * Throws when the tenant's plan does not serve this: 403 plan_expired past its expiry (unless the
 * caller is open then), 403 plan_feature_unavailable for a feature it lacks. No tenant, no plan.
 */
export function assertPlanServes(ctx: { tenant: TenantRef | null; features: ReadonlySet<string> }, nowMs: number, opts: { feature?: string; openWhenExpired?: boolean } = {}): void {
  if (!ctx.tenant) return;
  if (!opts.openWhenExpired && isPlanExpired(ctx.tenant, nowMs)) throw planExpired(ctx.tenant);
  if (opts.feature) requireFeature(ctx, opts.feature);
}
