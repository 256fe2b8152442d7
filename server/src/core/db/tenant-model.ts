/**
 * The tenant safety net. Services already put `tenantId: ctx.tenantId` into their queries; these
 * hooks are the second line: every read, count, bulk write, create and upsert of a TenantModel
 * must carry the tenant of the current context (AsyncLocalStorage), gets it added when missing, and
 * throws when there is no tenant in context or the query names another tenant. Includes are walked
 * so that a join into a tenant table is scoped as well.
 *
 * Limits (DESIGN.md): `sum`/`min`/`max`/`aggregate`, `increment`/`decrement`, `hooks: false` and raw
 * `sequelize.query` run no hooks; they are allowed only inside core/db, with explicit conditions.
 */
import { Model, Op, type FindOptions, type IncludeOptions, type ModelStatic, type Sequelize, type WhereOptions } from 'sequelize';
import { contextStore } from '../context.js';
import { TenantScopeError } from '../errors.js';

export abstract class TenantModel<A extends {} = any, C extends {} = A> extends Model<A, C> {
  static readonly tenantScoped = true;
}

type AnyModelStatic = ModelStatic<Model> & { tenantScoped?: boolean };

export function isTenantModel(model: unknown): boolean {
  return typeof model === 'function' && (model as AnyModelStatic).tenantScoped === true;
}

/** The tenant every query must be scoped to, or undefined inside acrossTenants(). */
export function scopeTenant(modelName: string): number | undefined {
  const store = contextStore();
  if (store?.crossTenantReason) return undefined;
  const tenantId = store?.ctx.tenantId;
  if (tenantId == null) throw new TenantScopeError(`${modelName} is tenant-scoped but no tenant is in context`);
  return tenantId;
}

function isPlainObject(value: unknown): value is Record<string | symbol, unknown> {
  return !!value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * `key` is the attribute name, or the column name where Sequelize has already mapped the where
 * clause to columns before the hook runs (bulk destroy does).
 */
function scopedWhere(modelName: string, where: WhereOptions | undefined, key: 'tenantId' | 'tenant_id' = 'tenantId'): WhereOptions | undefined {
  const tenantId = scopeTenant(modelName);
  if (tenantId === undefined) return where;
  if (where === undefined || where === null) return { [key]: tenantId };
  if (isPlainObject(where)) {
    if (key in where) {
      const given = (where as Record<string, unknown>)[key];
      if (given !== tenantId) throw new TenantScopeError(`${modelName} queried with tenant ${String(given)} in the context of tenant ${tenantId}`);
      return where;
    }
    return { ...where, [key]: tenantId };
  }
  return { [Op.and]: [where, { [key]: tenantId }] };
}

function checkRecord(modelName: string, record: { tenantId?: unknown }): void {
  const tenantId = scopeTenant(modelName);
  if (tenantId === undefined) {
    if (record.tenantId == null) throw new TenantScopeError(`${modelName} created across tenants without a tenantId`);
    return;
  }
  if (record.tenantId == null) record.tenantId = tenantId;
  else if (record.tenantId !== tenantId) throw new TenantScopeError(`${modelName} written for tenant ${String(record.tenantId)} in the context of tenant ${tenantId}`);
}

function scopeIncludes(includes: FindOptions['include']): void {
  if (!Array.isArray(includes)) return;
  for (const include of includes as IncludeOptions[]) {
    if (!include || typeof include !== 'object') continue;
    if (isTenantModel(include.model)) {
      const hadWhere = include.where !== undefined;
      include.where = scopedWhere(include.model!.name, include.where);
      // a where on an include makes it an INNER JOIN by default; scoping must not change the join
      if (!hadWhere && include.required === undefined) include.required = false;
    }
    scopeIncludes(include.include);
  }
}

type Hooked = { name: string };

function checkInstanceTenant(modelName: string, instance: Model): void {
  const values = { tenantId: instance.get('tenantId') };
  checkRecord(modelName, values);
  instance.set('tenantId' as never, values.tenantId as never);
}

/** Installs the net as permanent hooks, which Sequelize runs for every model with `this` = model. */
export function installTenantSafetyNet(sequelize: Sequelize): void {
  const onModel = (fn: (model: Hooked, ...args: any[]) => void) =>
    function (this: unknown, ...args: any[]) {
      if (isTenantModel(this)) fn(this as Hooked, ...args);
    };
  const scopeOptions = onModel((model, options: { where?: WhereOptions }) => {
    options.where = scopedWhere(model.name, options.where);
  });
  const scopeMappedOptions = onModel((model, options: { where?: WhereOptions }) => {
    options.where = scopedWhere(model.name, options.where, 'tenant_id');
  });
  const checkInstance = onModel((model, instance: Model) => checkInstanceTenant(model.name, instance));

  sequelize.addHook('beforeFind', 'tenantScope', scopeOptions);
  sequelize.addHook('beforeCount', 'tenantScope', scopeOptions);
  sequelize.addHook('beforeBulkUpdate', 'tenantScope', scopeOptions);
  sequelize.addHook('beforeBulkDestroy', 'tenantScope', scopeMappedOptions);
  sequelize.addHook('beforeValidate', 'tenantScope', checkInstance);
  sequelize.addHook('beforeCreate', 'tenantScope', checkInstance);
  sequelize.addHook('beforeUpdate', 'tenantScope', checkInstance);
  sequelize.addHook('beforeDestroy', 'tenantScope', checkInstance);
  sequelize.addHook(
    'beforeBulkCreate',
    'tenantScope',
    onModel((model, instances: Model[]) => instances.forEach((instance) => checkInstanceTenant(model.name, instance))),
  );
  sequelize.addHook(
    'beforeUpsert',
    'tenantScope',
    onModel((model, values: { tenantId?: unknown }) => checkRecord(model.name, values)),
  );
  // Includes are walked for every root model, tenant or not: a platform row may join tenant rows.
  sequelize.addHook('beforeFindAfterExpandIncludeAll', 'tenantScope', function (this: unknown, options: FindOptions) {
    scopeIncludes(options.include);
  });
}
