/**
 * The request context: who is acting, for which tenant, inside which transaction. Services and
 * repositories receive it explicitly as their first argument; the same context is mirrored in
 * AsyncLocalStorage so that the tenant safety net in core/db can refuse a query that forgot it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import type { IdempotencyHandle } from './idempotency.js';
import { featuresOfPlan } from './features.js';
import type { AppAbility } from './permissions.js';
import { abilityFor } from './permissions.js';

export type ActorKind = 'anonymous' | 'system' | 'platform' | 'supplier' | 'merchant' | 'shopper';

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'system'; name: string }
  | {
      kind: 'platform';
      id: number;
      email: string;
      roleId: number | null;
      /** Holds every platform permission, today's and those added later. */
      isAdministrator: boolean;
      permissions: readonly string[];
      sessionId: string;
    }
  | { kind: 'supplier'; id: number; supplierId: number; email: string; sessionId: string; readOnly?: ReadOnlyReason }
  | {
      kind: 'merchant';
      id: number;
      tenantId: number;
      email: string;
      roleId: number | null;
      isOwner: boolean;
      permissions: readonly string[];
      sessionId: string;
    }
  | { kind: 'shopper'; id: number; tenantId: number; sessionId: string };

/**
 * Why an account may only read (a suspended supplier): every write answers 403 with this code,
 * except the routes that declare `allowReadOnly` (finishing work already paid for).
 */
export interface ReadOnlyReason {
  code: string;
  message: string;
}

export type ActorOf<K extends ActorKind> = Extract<Actor, { kind: K }>;

export interface TenantRef {
  id: number;
  slug: string;
  name: string;
  status: 'active' | 'suspended';
  parentId: number | null;
  plan: string;
  /** ISO time the plan ends, or null for no end (absent in entries cached before it existed). */
  planExpiresAt?: string | null;
  /** The tenant's settings document as stored (core/settings resolves it), cached with the rest. */
  settings?: Readonly<Record<string, unknown>>;
}

export interface Ctx {
  readonly requestId: string;
  readonly tenantId: number | null;
  readonly tenant: TenantRef | null;
  /** What the tenant's plan enables (core/features); empty without a tenant. */
  readonly features: ReadonlySet<string>;
  readonly actor: Actor;
  readonly ability: AppAbility;
  readonly transaction: Transaction | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
  /** The request's Idempotency-Key when its route binds it to the service's transaction (core/idempotency). */
  readonly idempotency?: IdempotencyHandle;
}

export interface ContextInit {
  requestId?: string;
  tenant?: TenantRef | null;
  tenantId?: number | null;
  actor?: Actor;
  ip?: string | null;
  userAgent?: string | null;
}

const NO_FEATURES: ReadonlySet<string> = new Set();

export function createContext(init: ContextInit = {}): Ctx {
  const actor = init.actor ?? { kind: 'anonymous' };
  const tenantId = init.tenant?.id ?? init.tenantId ?? null;
  return {
    requestId: init.requestId ?? randomUUID(),
    tenant: init.tenant ?? null,
    tenantId,
    features: init.tenant ? featuresOfPlan(init.tenant.plan) : NO_FEATURES,
    actor,
    ability: abilityFor(actor, tenantId),
    transaction: null,
    ip: init.ip ?? null,
    userAgent: init.userAgent ?? null,
  };
}

/** A context for scheduled work and scripts, acting as the system for one tenant or the platform. */
export function systemContext(name: string, tenantId: number | null = null): Ctx {
  return createContext({ actor: { kind: 'system', name }, tenantId });
}

export function withTenant(ctx: Ctx, tenant: TenantRef): Ctx {
  return { ...ctx, tenant, tenantId: tenant.id, features: featuresOfPlan(tenant.plan), ability: abilityFor(ctx.actor, tenant.id) };
}

/**
 * Runs fn as `ctx` acting inside one tenant (platform work on a tenant's rows, sign-up creating a
 * tenant and its owner): the explicit context and its AsyncLocalStorage mirror both carry it.
 */
export function inTenant<T>(ctx: Ctx, tenant: TenantRef, fn: (tenantCtx: Ctx) => T): T {
  const tenantCtx = withTenant(ctx, tenant);
  return rebindContext(tenantCtx, () => fn(tenantCtx));
}

export function withActor(ctx: Ctx, actor: Actor): Ctx {
  return { ...ctx, actor, ability: abilityFor(actor, ctx.tenantId) };
}

interface Store {
  ctx: Ctx;
  /** Set only by acrossTenants() in core/db: the reason platform work may cross tenants. */
  crossTenantReason?: string;
}

const storage = new AsyncLocalStorage<Store>();

export function runInContext<T>(ctx: Ctx, fn: () => T): T {
  return storage.run({ ctx }, fn);
}

/** Swaps the context (e.g. for one carrying a transaction) but keeps an acrossTenants() scope. */
export function rebindContext<T>(ctx: Ctx, fn: () => T): T {
  const outer = storage.getStore();
  return storage.run({ ...outer, ctx }, fn);
}

export function contextStore(): Store | undefined {
  return storage.getStore();
}

/** Internal to core/db: runs fn with the tenant safety net lifted for a stated reason. */
export function runCrossTenant<T>(reason: string, fn: () => T): T {
  const outer = storage.getStore();
  const ctx = outer?.ctx ?? systemContext('cross-tenant');
  return storage.run({ ctx, crossTenantReason: reason }, fn);
}

export function currentContext(): Ctx {
  const store = storage.getStore();
  if (!store) throw new Error('Request context not set');
  return store.ctx;
}

export function requireTenantId(ctx: Ctx): number {
  if (ctx.tenantId == null) throw new Error('This operation needs a tenant in the context');
  return ctx.tenantId;
}
