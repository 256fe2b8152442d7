import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { afterCommit, inTx, withTransaction } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { assertMayGrant, builtinPermissions } from '../../core/permissions.js';
import { disconnectRooms, rooms } from '../../core/realtime.js';
import { accountErrors } from './errors.js';
import { Role, Staff } from './model.js';
import { assertMayEditRole, knownPermissions } from './role-rules.js';

export interface RoleView {
  id: number;
  name: string;
  code: string | null;
  builtin: boolean;
  permissions: string[];
  staffCount?: number;
}

const BUILTIN: Array<{ code: 'admin' | 'finance' | 'agent'; name: string }> = [
  { code: 'admin', name: '管理员 Admin' },
  { code: 'finance', name: '财务 Finance' },
  { code: 'agent', name: '客服 Customer service' },
];

export function roleView(r: Role): RoleView {
  return { id: r.id, name: r.name, code: r.code, builtin: r.builtin, permissions: [...r.permissions].sort() };
}

/** The built-in roles every new tenant starts with, from the catalogue's defaults. */
export async function createBuiltinRoles(ctx: Ctx): Promise<Role[]> {
  const tenantId = requireTenantId(ctx);
  return Role.bulkCreate(
    BUILTIN.map((b) => ({ tenantId, name: b.name, code: b.code, builtin: true, permissions: builtinPermissions('merchant', b.code) })),
    inTx(ctx),
  );
}

export async function listRoles(ctx: Ctx): Promise<RoleView[]> {
  const tenantId = requireTenantId(ctx);
  const roles = await Role.findAll({ where: { tenantId }, order: [['id', 'ASC']], ...inTx(ctx) });
  const counts = (await Staff.count({ where: { tenantId, status: 'active' }, group: ['roleId'], ...inTx(ctx) })) as unknown as Array<{ roleId: number | null; count: number }>;
  const byRole = new Map(counts.map((c) => [c.roleId, Number(c.count)]));
  return roles.map((r) => ({ ...roleView(r), staffCount: byRole.get(r.id) ?? 0 }));
}

export async function getRole(ctx: Ctx, id: number): Promise<Role> {
  const role = await Role.findOne({ where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
  if (!role) throw notFound('Role');
  return role;
}

async function assertNameFree(ctx: Ctx, name: string, exceptId?: number): Promise<void> {
  const other = await Role.findOne({ where: { tenantId: requireTenantId(ctx), name }, ...inTx(ctx) });
  if (other && other.id !== exceptId) throw accountErrors.roleNameTaken(name);
}

export async function createRole(ctx: Ctx, input: { name: string; permissions: string[] }): Promise<RoleView> {
  const permissions = knownPermissions(input.permissions, 'merchant');
  assertMayGrant(ctx, permissions, 'permissions');
  return withTransaction(ctx, async (tx) => {
    await assertNameFree(tx, input.name);
    const role = await Role.create({ tenantId: requireTenantId(tx), name: input.name, code: null, builtin: false, permissions }, inTx(tx));
    return roleView(role);
  });
}

export async function updateRole(ctx: Ctx, id: number, input: { name?: string; permissions?: string[] }): Promise<RoleView> {
  const permissions = input.permissions ? knownPermissions(input.permissions, 'merchant') : undefined;
  if (permissions) assertMayGrant(ctx, permissions, 'permissions');
  return withTransaction(ctx, async (tx) => {
    const role = await getRole(tx, id);
    assertMayEditRole(tx, role, role.permissions);
    if (input.name !== undefined) await assertNameFree(tx, input.name, id);
    await role.update({ ...(input.name !== undefined ? { name: input.name } : {}), ...(permissions ? { permissions } : {}) }, inTx(tx));
    if (permissions) await reconnectHolders(tx, id);
    return roleView(role);
  });
}

/** Sockets joined rooms by the old permissions: their holders connect again under the new ones. */
async function reconnectHolders(ctx: Ctx, roleId: number): Promise<void> {
  const tenantId = requireTenantId(ctx);
  const holders = await Staff.findAll({ where: { tenantId, roleId }, attributes: ['id'], raw: true, ...inTx(ctx) });
  await afterCommit(ctx, () => disconnectRooms(holders.map((h) => rooms.staffMember(tenantId, h.id))));
}

export async function deleteRole(ctx: Ctx, id: number): Promise<{ id: number; deleted: true }> {
  return withTransaction(ctx, async (tx) => {
    const role = await getRole(tx, id);
    assertMayEditRole(tx, role, role.permissions);
    const holders = await Staff.count({ where: { tenantId: requireTenantId(tx), roleId: id, status: 'active' }, ...inTx(tx) });
    if (holders) throw accountErrors.roleInUse(holders);
    await Staff.update({ roleId: null }, { where: { tenantId: requireTenantId(tx), roleId: id }, ...inTx(tx) });
    await role.destroy(inTx(tx));
    return { id, deleted: true as const };
  });
}
