/** Platform staff: who runs the platform, with which role; the platform keeps one administrator at least. */
import { UniqueConstraintError } from 'sequelize';
import { hashPassword, revokeActorSessions } from '../../core/auth/index.js';
import type { Ctx } from '../../core/context.js';
import { pageOf, withTransaction, type Page, type PageQuery } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { assertMayGrant } from '../../core/permissions.js';
import { accountErrors } from './errors.js';
import type { AccountStatus } from './model.js';
import * as repo from './repository/platform.js';
import type { PlatformRoleRow, PlatformUserWithRole } from './repository/platform.js';
import { administratorRole, effectivePermissions, getPlatformRole } from './platform-roles.js';
import { assertMayChangeMember } from './role-rules.js';

export interface PlatformUserView {
  id: number;
  email: string;
  name: string;
  status: AccountStatus;
  role: { id: number; name: string; code: string | null } | null;
  createdAt: string;
}

function view(u: PlatformUserWithRole): PlatformUserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    status: u.status,
    role: u.role ? { id: u.role.id, name: u.role.name, code: u.role.code } : null,
    createdAt: u.createdAt.toISOString(),
  };
}

async function findUser(ctx: Ctx, id: number): Promise<PlatformUserWithRole> {
  const user = await repo.findPlatformUser(ctx, id);
  if (!user) throw notFound('Platform user');
  return user;
}

export async function listPlatformUsers(ctx: Ctx, q: PageQuery & { status?: AccountStatus }): Promise<Page<PlatformUserView>> {
  const { rows, count } = await repo.platformUserPage(ctx, { status: q.status }, q);
  return pageOf(q, rows.map(view), count);
}

/**
 * The administrator holds tomorrow's permissions too, so only an administrator gives that role or
 * changes someone who holds it, even if a custom role happens to hold every permission of today.
 */
function isAdministrator(ctx: Ctx): boolean {
  return ctx.actor.kind === 'system' || (ctx.actor.kind === 'platform' && ctx.actor.isAdministrator);
}

/** A role is given only by someone holding all it lets do; locked so it cannot be deleted meanwhile. */
async function grantableRole(ctx: Ctx, roleId: number): Promise<PlatformRoleRow> {
  const role = await getPlatformRole(ctx, roleId, true);
  if (role.code === 'administrator' && !isAdministrator(ctx)) throw accountErrors.administratorsOnly();
  assertMayGrant(ctx, effectivePermissions(role).permissions, 'roleId');
  return role;
}

export async function createPlatformUser(ctx: Ctx, input: { email: string; name: string; password: string; roleId: number }): Promise<PlatformUserView> {
  return withTransaction(ctx, async (tx) => {
    const role = await grantableRole(tx, input.roleId);
    if (await repo.findPlatformUserByEmail(tx, input.email)) throw accountErrors.emailTaken(input.email);
    try {
      const user = await repo.insertPlatformUser(tx, { email: input.email, name: input.name, passwordHash: await hashPassword(input.password), roleId: role.id, status: 'active' });
      return view({ ...user, role });
    } catch (err) {
      if (err instanceof UniqueConstraintError) throw accountErrors.emailTaken(input.email);
      throw err;
    }
  });
}

/**
 * Demoting or disabling an administrator needs another active one left. Their rows stay locked
 * until commit, so two administrators demoting each other at once cannot both succeed.
 */
async function assertAnotherAdministrator(ctx: Ctx, leaving: number): Promise<void> {
  const admin = await administratorRole(ctx);
  const others = await repo.lockActiveHoldersExcept(ctx, admin.id, leaving);
  if (!others.length) throw accountErrors.lastAdministrator();
}

export async function updatePlatformUser(ctx: Ctx, id: number, changes: { name?: string; roleId?: number; status?: AccountStatus }): Promise<PlatformUserView> {
  return withTransaction(ctx, async (tx) => {
    const user = await findUser(tx, id);
    const changesRole = changes.roleId !== undefined && changes.roleId !== user.roleId;
    const changesStatus = changes.status !== undefined && changes.status !== user.status;
    if (changesRole || changesStatus) {
      const isSelf = tx.actor.kind === 'platform' && tx.actor.id === user.id;
      if (!isSelf && user.role?.code === 'administrator' && !isAdministrator(tx)) throw accountErrors.administratorsOnly();
      assertMayChangeMember(tx, { id: user.id, name: user.name, isSelf }, effectivePermissions(user.role).permissions, changesRole);
    }
    const role = changesRole ? await grantableRole(tx, changes.roleId!) : undefined;
    const leavesAdministrators = user.role?.code === 'administrator' && user.status === 'active' && ((role && role.code !== 'administrator') || changes.status === 'disabled');
    if (leavesAdministrators) await assertAnotherAdministrator(tx, user.id);
    const written = { ...(changes.name !== undefined ? { name: changes.name } : {}), ...(role ? { roleId: role.id } : {}), ...(changesStatus ? { status: changes.status } : {}) };
    await repo.updatePlatformUserRow(tx, id, written);
    if (changesStatus && changes.status === 'disabled') await revokeActorSessions(tx, 'platform', id, null);
    return view({ ...user, ...written, ...(role ? { role } : {}) });
  });
}
