/**
 * Roles of platform staff. The built-in ones (administrator, operator, reviewer, finance) are fixed
 * and take their permissions from the catalogue the modules declare, so a permission added later
 * reaches them without a migration; the administrator holds every one. Custom roles are data.
 */
import type { Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { assertMayGrant, builtinPermissions, permissionCatalog } from '../../core/permissions.js';
import { accountErrors } from './errors.js';
import * as repo from './repository/platform.js';
import type { PlatformRoleRow } from './repository/platform.js';
import { assertMayEditRole, knownPermissions } from './role-rules.js';

export interface PlatformRoleView {
  id: number;
  name: string;
  code: string | null;
  builtin: boolean;
  isAdministrator: boolean;
  permissions: string[];
  userCount?: number;
}

/** What a role lets its holders do. */
export function effectivePermissions(role: Pick<PlatformRoleRow, 'code' | 'permissions'> | null | undefined): { isAdministrator: boolean; permissions: string[] } {
  if (!role) return { isAdministrator: false, permissions: [] };
  if (role.code === 'administrator') return { isAdministrator: true, permissions: permissionCatalog('platform').map((p) => p.key) };
  return { isAdministrator: false, permissions: role.code ? builtinPermissions('platform', role.code) : [...role.permissions].sort() };
}

export function platformRoleView(role: PlatformRoleRow): PlatformRoleView {
  return { id: role.id, name: role.name, code: role.code, builtin: role.builtin, ...effectivePermissions(role) };
}

/** `lock` holds the row until commit: deleting a role and giving it to someone wait for each other. */
export async function getPlatformRole(ctx: Ctx, id: number, lock = false): Promise<PlatformRoleRow> {
  const role = await repo.findPlatformRole(ctx, id, lock);
  if (!role) throw notFound('Role');
  return role;
}

export async function administratorRole(ctx: Ctx): Promise<PlatformRoleRow> {
  const role = await repo.findPlatformRoleByCode(ctx, 'administrator');
  if (!role) throw new Error('the administrator role is missing: run the migrations');
  return role;
}

export async function listPlatformRoles(ctx: Ctx): Promise<PlatformRoleView[]> {
  const roles = await repo.listPlatformRoleRows(ctx);
  const byRole = await repo.activeUserCountsByRole(ctx);
  return roles.map((r) => ({ ...platformRoleView(r), userCount: byRole.get(r.id) ?? 0 }));
}

async function assertNameFree(ctx: Ctx, name: string, exceptId?: number): Promise<void> {
  if (await repo.platformRoleNameUsed(ctx, name, exceptId)) throw accountErrors.roleNameTaken(name);
}

export async function createPlatformRole(ctx: Ctx, input: { name: string; permissions: string[] }): Promise<PlatformRoleView> {
  const permissions = knownPermissions(input.permissions, 'platform');
  assertMayGrant(ctx, permissions, 'permissions');
  return withTransaction(ctx, async (tx) => {
    await assertNameFree(tx, input.name);
    return platformRoleView(await repo.insertPlatformRole(tx, { name: input.name, code: null, builtin: false, permissions }));
  });
}

/** A custom role the actor may change: not built in, not their own, nothing above them. */
async function editableRole(ctx: Ctx, id: number, lock = false): Promise<PlatformRoleRow> {
  const role = await getPlatformRole(ctx, id, lock);
  if (role.builtin) throw accountErrors.builtinRole();
  assertMayEditRole(ctx, role, role.permissions);
  return role;
}

export async function updatePlatformRole(ctx: Ctx, id: number, input: { name?: string; permissions?: string[] }): Promise<PlatformRoleView> {
  const permissions = input.permissions ? knownPermissions(input.permissions, 'platform') : undefined;
  if (permissions) assertMayGrant(ctx, permissions, 'permissions');
  return withTransaction(ctx, async (tx) => {
    const role = await editableRole(tx, id);
    if (input.name !== undefined) await assertNameFree(tx, input.name, id);
    const written = { ...(input.name !== undefined ? { name: input.name } : {}), ...(permissions ? { permissions } : {}) };
    await repo.updatePlatformRoleRow(tx, id, written);
    return platformRoleView({ ...role, ...written });
  });
}

export async function deletePlatformRole(ctx: Ctx, id: number): Promise<{ id: number; deleted: true }> {
  return withTransaction(ctx, async (tx) => {
    const role = await editableRole(tx, id, true);
    const holders = await repo.countUsersWithRole(tx, id);
    if (holders) throw accountErrors.roleInUse(holders);
    await repo.deletePlatformRoleRow(tx, role.id);
    return { id, deleted: true as const };
  });
}
