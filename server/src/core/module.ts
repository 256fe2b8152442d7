/**
 * What a business module is, in one declaration. Each module exports one `defineModule({...})`
 * from its `module.ts`; `modules/index.ts` lists them in one array and `installModules` wires them
 * in this order: models, associations, policies and permission catalogues, routes, jobs, hook
 * contributions, event subscribers, socket handlers and feeds (settings and plan features: their
 * own work). Nothing is registered by importing a file for its side effects, so the list is the
 * whole truth.
 *
 * Rules `installModules` enforces: names are unique, a module comes after every module it
 * `dependsOn` (which also bounds what it may import), and a module is installed once.
 */
import type { Sequelize } from 'sequelize';
import type { z } from 'zod';
import type { EventDef, Subscription } from './events.js';
import type { FeatureDef, PlanDef } from './features.js';
import type { HookContribution } from './hooks.js';
import type { AnyRoute } from './http.js';
import type { JobHandler, Sweep } from './jobs.js';
import type { PermissionDef, PolicyFn } from './permissions.js';
import type { ConnectionHandler, Feed } from './realtime.js';
import type { AnyStepDef } from './steps.js';

/** A subscription with its payload type erased: a handler of one event's payload is not a handler of `unknown`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySubscription = Subscription<any>;

export interface ModuleDefinition {
  /** Lower-case, the folder's name (`orders`); prefixes its jobs, events, settings and features. */
  readonly name: string;
  /** Modules this one imports from; they must come earlier in the list. */
  readonly dependsOn?: readonly string[];
  /** `Model.init` calls, run when the database opens. */
  readonly models?: readonly ((sequelize: Sequelize) => void)[];
  /** Associations inside the module, run after every module's models are initialised. */
  readonly associate?: () => void;
  readonly policies?: readonly PolicyFn[];
  readonly permissions?: readonly PermissionDef<'merchant'>[];
  readonly platformPermissions?: readonly PermissionDef<'platform'>[];
  /** Matched most specific first (static segments before parameters), whatever the order here. */
  readonly routes?: readonly AnyRoute[];
  /** Background jobs by full name (`orders.complete`). */
  readonly jobs?: Readonly<Record<string, JobHandler>>;
  /** Deadlines found by an indexed query on each worker pass (core/jobs.ts), named under the module. */
  readonly sweeps?: readonly Sweep[];
  /** The events this module emits; another module subscribes to them by their definition. */
  readonly events?: readonly EventDef[];
  readonly subscriptions?: readonly AnySubscription[];
  /** Contributions to extension points (its own or other modules'), each with its order. */
  readonly hooks?: readonly HookContribution[];
  /** This module's part of the per-tenant settings document; every field has a default. */
  readonly settings?: z.ZodObject;
  /** What a plan can switch on or off for a tenant. */
  readonly features?: readonly FeatureDef[];
  /** The plan table (what each plan enables); declared by one module only, the one that owns plans. */
  readonly plans?: Readonly<Record<string, PlanDef>>;
  readonly sockets?: readonly ConnectionHandler[];
  /** Writes that cross an outside service (core/steps.ts), resumed by their recovery job. */
  readonly steps?: readonly AnyStepDef[];
  /** Subjects whose changes are pushed live to everybody who may read all of a tenant's rows. */
  readonly feeds?: readonly Feed[];
}

export function defineModule<const D extends ModuleDefinition>(definition: D): D {
  return definition;
}
