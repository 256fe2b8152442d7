import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { afterCommit, withTransaction } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { assertMayGrant, builtinPermissions } from '../../core/permissions.js';
import { disconnectRooms, rooms } from '../../core/realtime.js';
import { accountErrors } from './errors.js';
import * as repo from './repository/staff.js';
import type { RoleCode, RoleRow } from './repository/staff.js';
import { assertMayEditRole, knownPermissions } from './role-rules.js';

export interface RoleView {
  id: number;
  name: string;
  code: string | null;
  builtin: boolean;
  permissions: string[];
  staffCount?: number;
}

const BUILTIN: Array<{ code: RoleCode; name: string }> = [
  { code: 'admin', name: '管理员 Admin' },
  { code: 'finance', name: '财务 Finance' },
  { code: 'agent', name: '客服 Customer service' },
];

export function roleView(r: RoleRow): RoleView {
  return { id: r.id, name: r.name, code: r.code, builtin: r.builtin, permissions: [...r.permissions].sort() };
}

/** The built-in roles every new tenant starts with, from the catalogue's defaults. */
export async function createBuiltinRoles(ctx: Ctx): Promise<RoleRow[]> {
  return repo.insertRoles(
    ctx,
    BUILTIN.map((b) => ({ name: b.name, code: b.code, builtin: true, permissions: builtinPermissions('merchant', b.code) })),
  );
}

export async function listRoles(ctx: Ctx): Promise<RoleView[]> {
  const roles = await repo.listRoleRows(ctx);
  const byRole = await repo.activeStaffCountsByRole(ctx);
  return roles.map((r) => ({ ...roleView(r), staffCount: byRole.get(r.id) ?? 0 }));
}

export async function getRole(ctx: Ctx, id: number): Promise<RoleRow> {
  const role = await repo.findRole(ctx, id);
  if (!role) throw notFound('Role');
  return role;
}

async function assertNameFree(ctx: Ctx, name: string, exceptId?: number): Promise<void> {
  const other = await repo.findRoleByName(ctx, name);
  if (other && other.id !== exceptId) throw accountErrors.roleNameTaken(name);
}

export async function createRole(ctx: Ctx, input: { name: string; permissions: string[] }): Promise<RoleView> {
  const permissions = knownPermissions(input.permissions, 'merchant');
  assertMayGrant(ctx, permissions, 'permissions');
  return withTransaction(ctx, async (tx) => {
    await assertNameFree(tx, input.name);
    const role = await repo.insertRole(tx, { name: input.name, code: null, builtin: false, permissions });
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
    const written = { ...(input.name !== undefined ? { name: input.name } : {}), ...(permissions ? { permissions } : {}) };
    await repo.updateRoleRow(tx, id, written);
    if (permissions) await reconnectHolders(tx, id);
    return roleView({ ...role, ...written });
  });
}

/** Sockets joined rooms by the old permissions: their holders connect again under the new ones. */
async function reconnectHolders(ctx: Ctx, roleId: number): Promise<void> {
  const tenantId = requireTenantId(ctx);
  const holders = await repo.staffIdsWithRole(ctx, roleId);
  await afterCommit(ctx, () => disconnectRooms(holders.map((id) => rooms.staffMember(tenantId, id))));
}

export async function deleteRole(ctx: Ctx, id: number): Promise<{ id: number; deleted: true }> {
  return withTransaction(ctx, async (tx) => {
    const role = await getRole(tx, id);
    assertMayEditRole(tx, role, role.permissions);
    const holders = await repo.countActiveStaffWithRole(tx, id);
    if (holders) throw accountErrors.roleInUse(holders);
    await repo.unassignRole(tx, id);
    await repo.deleteRoleRow(tx, id);
    return { id, deleted: true as const };
  });
}
