/**
 * One CASL ability per request, built from the actor and the tenant. The mechanism lives here;
 * what each actor may do is declared by the modules (policy.ts exports PolicyFns and permission
 * lists, named in the module's declaration) and installed once by installModules: policies, and
 * for merchant and platform staff, the permission catalogues their roles are made of. Nobody grants a permission they do
 * not hold (assertMayGrant).
 *
 * Lists: the ability's rules for a subject become a Sequelize `where` (rulesToAST interpreted for
 * Sequelize). No rule means deny all. The caller ANDs it with the explicit tenant condition.
 */
import { AbilityBuilder, createMongoAbility, ForbiddenError, subject as caslSubject, type MongoAbility } from '@casl/ability';
import { rulesToAST } from '@casl/ability/extra';
import { literal, Op, type WhereOptions } from 'sequelize';
import type { Actor, Ctx } from './context.js';
import { AppError } from './errors.js';

export type Action = string;
export type SubjectType = string;
export type AppAbility = MongoAbility<[Action, SubjectType | Record<string, unknown>]>;
type Builder = AbilityBuilder<AppAbility>;

export type PolicyFn = (can: Builder['can'], cannot: Builder['cannot'], actor: Actor, tenantId: number | null) => void;

let policies: readonly PolicyFn[] = [];

/** Who a permission catalogue serves: merchant staff roles, or platform staff roles. */
export type Audience = 'merchant' | 'platform';

/** The built-in roles a permission is given to by default, per audience (the owner and the administrator hold all). */
export interface BuiltinRoles {
  merchant: 'admin' | 'finance' | 'agent';
  platform: 'operator' | 'reviewer' | 'finance';
}

export interface PermissionDef<A extends Audience = 'merchant'> {
  /** `<area>.<verb>`, e.g. `orders.refund`; what roles are made of. */
  key: string;
  label: string;
  /** CASL (action, subject) pairs this permission grants; a merchant's always within their tenant. */
  grants: ReadonlyArray<readonly [Action, SubjectType]>;
  /** Built-in roles that hold it: merchant roles when a tenant is created, platform roles always. */
  roles?: ReadonlyArray<BuiltinRoles[A]>;
}

const catalogs: { [A in Audience]: Map<string, PermissionDef<A>> } = { merchant: new Map(), platform: new Map() };

function catalogOf<A extends Audience>(audience: A, defs: readonly PermissionDef<A>[]): Map<string, PermissionDef<A>> {
  const catalog = new Map<string, PermissionDef<A>>();
  for (const def of defs) {
    if (catalog.has(def.key)) throw new Error(`${audience} permission ${def.key} defined twice`);
    catalog.set(def.key, def);
  }
  return catalog;
}

export interface PermissionSet {
  /** What each actor kind may do with the modules' subjects. */
  policies: readonly PolicyFn[];
  /** Permissions merchant roles are made of. */
  merchant: readonly PermissionDef<'merchant'>[];
  /** Permissions platform roles are made of; every platform route names the CASL pair one of them grants. */
  platform: readonly PermissionDef<'platform'>[];
}

/** Called once by the module installer with every module's policies and permissions. */
export function installPermissions(set: PermissionSet): void {
  const merchant = catalogOf('merchant', set.merchant);
  const platform = catalogOf('platform', set.platform);
  policies = [...set.policies];
  anonymous.clear();
  catalogs.merchant = merchant;
  catalogs.platform = platform;
}

export function permissionCatalog<A extends Audience = 'merchant'>(audience: A = 'merchant' as A): PermissionDef<A>[] {
  return [...(catalogs[audience] as Map<string, PermissionDef<A>>).values()].sort((a, b) => a.key.localeCompare(b.key));
}

export function isKnownPermission(key: string, audience: Audience = 'merchant'): boolean {
  return catalogs[audience].has(key);
}

/** The permission keys a built-in role holds by default. */
export function builtinPermissions<A extends Audience>(audience: A, role: BuiltinRoles[A]): string[] {
  return permissionCatalog(audience)
    .filter((p) => p.roles?.includes(role))
    .map((p) => p.key);
}

function grantKeys(can: Builder['can'], audience: Audience, keys: readonly string[], tenantId?: number | null): void {
  for (const key of keys) {
    for (const [action, subjectType] of catalogs[audience].get(key)?.grants ?? []) {
      if (tenantId === undefined) can(action, subjectType);
      else can(action, subjectType, { tenantId });
    }
  }
}

/**
 * What an anonymous visitor may do depends on the tenant alone, and every request starts
 * anonymous (then gets its tenant, then its actor): built once per tenant, not three times a
 * request. Bounded; forgotten whole when full. Abilities are never updated after they are built.
 */
const anonymous = new Map<number | null, AppAbility>();
const ANONYMOUS_MAX = 10_000;

export function abilityFor(actor: Actor, tenantId: number | null): AppAbility {
  if (actor.kind !== 'anonymous') return buildAbility(actor, tenantId);
  let found = anonymous.get(tenantId);
  if (!found) {
    if (anonymous.size >= ANONYMOUS_MAX) anonymous.clear();
    anonymous.set(tenantId, (found = buildAbility(actor, tenantId)));
  }
  return found;
}

function buildAbility(actor: Actor, tenantId: number | null): AppAbility {
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  switch (actor.kind) {
    case 'system':
      can('manage', 'all');
      break;
    case 'platform':
      if (actor.isAdministrator) can('manage', 'all');
      else grantKeys(can, 'platform', actor.permissions);
      break;
    case 'merchant':
      if (actor.tenantId === tenantId) {
        if (actor.isOwner) can('manage', 'all', { tenantId });
        else grantKeys(can, 'merchant', actor.permissions, tenantId);
      }
      break;
    default:
      break;
  }
  for (const policy of policies) policy(can, cannot, actor, tenantId);
  return build();
}

/**
 * The keys of `wanted` the actor does not hold: those whose grants their ability does not cover
 * (so `staff.manage` holds `staff.read`; an owner, an administrator and the system hold all).
 */
export function notHeld(ctx: Ctx, wanted: readonly string[]): string[] {
  const audience: Audience = ctx.actor.kind === 'platform' ? 'platform' : 'merchant';
  const scope = audience === 'merchant' ? { tenantId: ctx.tenantId } : {};
  const covered = (key: string) => {
    const def = catalogs[audience].get(key);
    return !!def && def.grants.every(([action, subjectType]) => ctx.ability.can(action, asSubject(subjectType, scope)));
  };
  return [...new Set(wanted)].filter((key) => !covered(key)).sort();
}

/** Every key of the actor's catalogue they hold, for a console to offer only what they may give. */
export function heldPermissionKeys(ctx: Ctx): string[] {
  const audience: Audience = ctx.actor.kind === 'platform' ? 'platform' : 'merchant';
  const keys = permissionCatalog(audience).map((p) => p.key);
  const missing = new Set(notHeld(ctx, keys));
  return keys.filter((k) => !missing.has(k));
}

/**
 * Nobody grants what they do not hold: giving a role, making one or editing one. `field` names
 * the input that carried the grant, so a console shows the refusal next to it.
 */
export function assertMayGrant(ctx: Ctx, wanted: readonly string[], field: string): void {
  const missing = notHeld(ctx, wanted);
  if (!missing.length) return;
  throw new AppError(403, 'cannot_grant', `You cannot grant permissions you do not hold: ${missing.join(', ')}`, [
    { field, message: `grants permissions you do not hold: ${missing.join(', ')}`, permissions: missing },
  ]);
}

/** Wraps a record so CASL checks its conditions against the row (tenantId, ownerId, ...). */
export function asSubject<T extends Record<string, unknown>>(type: SubjectType, record: T): T {
  return caslSubject(type, { ...record });
}

export function can(ctx: Ctx, action: Action, subjectType: SubjectType, record?: Record<string, unknown>): boolean {
  return record ? ctx.ability.can(action, asSubject(subjectType, record)) : ctx.ability.can(action, subjectType);
}

/** Throws 403 unless the actor may do `action` on the subject (type, or one record when given). */
export function authorize(ctx: Ctx, action: Action, subjectType: SubjectType, record?: Record<string, unknown>): void {
  try {
    if (record) ForbiddenError.from(ctx.ability).throwUnlessCan(action, asSubject(subjectType, record));
    else ForbiddenError.from(ctx.ability).throwUnlessCan(action, subjectType);
  } catch (err) {
    if (err instanceof ForbiddenError) throw new AppError(403, 'forbidden', `Not allowed to ${action} ${subjectType}`);
    throw err;
  }
}

interface AstNode {
  operator: string;
  field?: string;
  value: unknown;
}

const fieldOps: Record<string, symbol> = {
  eq: Op.eq,
  ne: Op.ne,
  lt: Op.lt,
  lte: Op.lte,
  gt: Op.gt,
  gte: Op.gte,
  in: Op.in,
  nin: Op.notIn,
};

function toWhere(node: AstNode): WhereOptions {
  switch (node.operator) {
    case 'and':
      return { [Op.and]: (node.value as AstNode[]).map(toWhere) };
    case 'or':
      return { [Op.or]: (node.value as AstNode[]).map(toWhere) };
    case 'not':
      return { [Op.not]: { [Op.and]: (node.value as AstNode[]).map(toWhere) } };
    default: {
      const op = fieldOps[node.operator];
      if (!op || !node.field) throw new Error(`CASL condition operator "${node.operator}" has no SQL translation`);
      return { [node.field]: { [op]: node.value } };
    }
  }
}

/** The rows of `subjectType` the actor may `action`, as a where clause; null rules -> matches nothing. */
export function accessibleWhere(ctx: Ctx, action: Action, subjectType: SubjectType): WhereOptions {
  const ast = rulesToAST(ctx.ability, action, subjectType) as AstNode | null;
  if (!ast) return { [Op.and]: [literal('1 = 0')] };
  return toWhere(ast);
}
