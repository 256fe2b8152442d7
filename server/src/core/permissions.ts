/**
 * One CASL ability per request, built from the actor and the tenant. The mechanism lives here;
 * what each actor may do is declared by the modules (policy.ts) through definePolicy() and, for
 * merchant staff, through the permission catalog (definePermission()) that roles are made of.
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

const policies: PolicyFn[] = [];

/** Modules declare what each actor kind may do with their subjects. */
export function definePolicy(fn: PolicyFn): void {
  policies.push(fn);
}

export interface PermissionDef {
  /** `<area>.<verb>`, e.g. `orders.refund`; what merchant roles are made of. */
  key: string;
  label: string;
  /** CASL (action, subject) pairs this permission grants, always within the staff member's tenant. */
  grants: ReadonlyArray<readonly [Action, SubjectType]>;
  /** Granted to these built-in roles when a tenant is created. */
  roles?: ReadonlyArray<'admin' | 'finance' | 'agent'>;
}

const catalog = new Map<string, PermissionDef>();

export function definePermission(...defs: PermissionDef[]): void {
  for (const def of defs) {
    if (catalog.has(def.key)) throw new Error(`permission ${def.key} defined twice`);
    catalog.set(def.key, def);
  }
}

export function permissionCatalog(): PermissionDef[] {
  return [...catalog.values()].sort((a, b) => a.key.localeCompare(b.key));
}

export function isKnownPermission(key: string): boolean {
  return catalog.has(key);
}

export function abilityFor(actor: Actor, tenantId: number | null): AppAbility {
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  switch (actor.kind) {
    case 'platform':
    case 'system':
      can('manage', 'all');
      break;
    case 'merchant':
      if (actor.tenantId === tenantId) {
        if (actor.isOwner) can('manage', 'all', { tenantId });
        else
          for (const key of actor.permissions) {
            for (const [action, subjectType] of catalog.get(key)?.grants ?? []) can(action, subjectType, { tenantId });
          }
      }
      break;
    default:
      break;
  }
  for (const policy of policies) policy(can, cannot, actor, tenantId);
  return build();
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
