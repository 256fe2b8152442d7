import { hashPassword, passwordSignIn, actorLoader, revokeActorSessions, revokeSession, verifyPassword, type IssuedToken } from '../../core/auth/index.js';
import { clock } from '../../core/clock.js';
import type { Actor, Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { afterCommit, pageOf, withTransaction, type Page, type PageQuery } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { assertMayGrant, heldPermissionKeys } from '../../core/permissions.js';
import { disconnectRooms, rooms } from '../../core/realtime.js';
import { accountErrors } from './errors.js';
import type { AccountStatus } from './model.js';
import * as repo from './repository/staff.js';
import type { StaffRow, StaffWithRole } from './repository/staff.js';
import { getRole } from './role-service.js';
import { assertMayChangeMember } from './role-rules.js';

export interface StaffView {
  id: number;
  email: string;
  name: string;
  isOwner: boolean;
  status: AccountStatus;
  role: { id: number; name: string; code: string | null } | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export function staffView(s: StaffWithRole): StaffView {
  return {
    id: s.id,
    email: s.email,
    name: s.name,
    isOwner: s.isOwner,
    status: s.status,
    role: s.role ? { id: s.role.id, name: s.role.name, code: s.role.code } : null,
    lastLoginAt: s.lastLoginAt ? s.lastLoginAt.toISOString() : null,
    createdAt: s.createdAt.toISOString(),
  };
}

export const staffLoader = actorLoader('merchant', async (claims) => {
  if (claims.tid == null) return null;
  const staff = await repo.staffForSession(claims.tid, claims.sub);
  if (!staff || staff.status !== 'active') return null;
  return {
    kind: 'merchant',
    id: staff.id,
    tenantId: staff.tenantId,
    email: staff.email,
    roleId: staff.roleId,
    isOwner: staff.isOwner,
    permissions: staff.role?.permissions ?? [],
    sessionId: claims.sid,
  } satisfies Actor;
});

async function findStaff(ctx: Ctx, id: number): Promise<StaffWithRole> {
  const staff = await repo.findStaff(ctx, id);
  if (!staff) throw notFound('Staff member');
  return staff;
}

async function assertEmailFree(ctx: Ctx, email: string): Promise<void> {
  if (await repo.findStaffByEmail(ctx, email)) throw accountErrors.emailTaken(email);
}

/** The owner of a tenant being created (sign-up, tenant manifests, accepted owner invitations). */
export async function createOwner(ctx: Ctx, input: { email: string; name: string; password?: string; passwordHash?: string }): Promise<StaffRow> {
  await assertEmailFree(ctx, input.email);
  const passwordHash = input.passwordHash ?? (await hashPassword(input.password!));
  return repo.insertStaffRow(ctx, { email: input.email, name: input.name, passwordHash, roleId: null, isOwner: true, status: 'active', lastLoginAt: null });
}

export async function staffSignIn(ctx: Ctx, email: string, password: string): Promise<IssuedToken> {
  const tenantId = requireTenantId(ctx);
  const issued = await passwordSignIn(ctx, {
    kind: 'merchant',
    tenantId,
    login: email,
    password,
    find: async () => {
      const s = await repo.findStaffByEmail(ctx, email);
      return s ? { id: s.id, passwordHash: s.passwordHash, active: s.status === 'active' } : null;
    },
  });
  await repo.updateStaffRow(ctx, issued.accountId, { lastLoginAt: clock.now() });
  return { token: issued.token, expiresAt: issued.expiresAt };
}

export async function me(ctx: Ctx & { actor: Extract<Actor, { kind: 'merchant' }> }) {
  const staff = await findStaff(ctx, ctx.actor.id);
  return {
    id: staff.id,
    email: staff.email,
    name: staff.name,
    role: staff.isOwner ? 'owner' : (staff.role?.code ?? staff.role?.name ?? null),
    roleId: staff.roleId,
    roleName: staff.isOwner ? '店主 Owner' : (staff.role?.name ?? null),
    isOwner: staff.isOwner,
    // what the role covers (staff.manage covers staff.read): the console offers exactly the roles one may give
    permissions: staff.isOwner ? ['*'] : heldPermissionKeys(ctx),
    tenant: { id: ctx.tenant!.id, slug: ctx.tenant!.slug, name: ctx.tenant!.name, plan: ctx.tenant!.plan, parentId: ctx.tenant!.parentId },
  };
}

export async function listStaff(ctx: Ctx, q: PageQuery & { status?: AccountStatus }): Promise<Page<StaffView>> {
  const { rows, count } = await repo.staffPage(ctx, { status: q.status }, q);
  return pageOf(q, rows.map(staffView), count);
}

export interface NewStaff {
  email: string;
  name: string;
  roleId: number;
  password?: string;
  passwordHash?: string;
}

/** Someone adding a colleague gives them a role, so only a role whose every permission they hold. */
export async function createStaff(ctx: Ctx, input: NewStaff): Promise<StaffView> {
  return withTransaction(ctx, async (tx) => {
    assertMayGrant(tx, (await getRole(tx, input.roleId)).permissions, 'roleId');
    return insertStaff(tx, input);
  });
}

/** A staff member with a role somebody was allowed to give (an invitation checked it when sent). */
export async function insertStaff(ctx: Ctx, input: NewStaff): Promise<StaffView> {
  return withTransaction(ctx, async (tx) => {
    const role = await getRole(tx, input.roleId);
    await assertEmailFree(tx, input.email);
    const staff = await repo.insertStaffRow(tx, {
      email: input.email,
      name: input.name,
      passwordHash: input.passwordHash ?? (await hashPassword(input.password!)),
      roleId: role.id,
      isOwner: false,
      status: 'active',
      lastLoginAt: null,
    });
    return staffView({ ...staff, role });
  });
}

export async function updateStaff(ctx: Ctx, id: number, changes: { name?: string; roleId?: number; status?: AccountStatus }): Promise<StaffView> {
  return withTransaction(ctx, async (tx) => {
    const staff = await findStaff(tx, id);
    const changesRole = changes.roleId !== undefined;
    if (staff.isOwner && (changesRole || changes.status !== undefined)) throw accountErrors.ownerProtected();
    if (changesRole || changes.status !== undefined) {
      const isSelf = tx.actor.kind === 'merchant' && tx.actor.id === staff.id;
      assertMayChangeMember(tx, { id: staff.id, name: staff.name, isSelf }, staff.role?.permissions ?? [], changesRole);
    }
    const role = changesRole ? await getRole(tx, changes.roleId!) : undefined;
    if (role) assertMayGrant(tx, role.permissions, 'roleId');
    const written = { ...(changes.name !== undefined ? { name: changes.name } : {}), ...(role ? { roleId: role.id } : {}), ...(changes.status ? { status: changes.status } : {}) };
    await repo.updateStaffRow(tx, id, written);
    const tenantId = requireTenantId(tx);
    if (changes.status === 'disabled') await revokeActorSessions(tx, 'merchant', id, tenantId);
    // its sockets joined rooms by the old role's permissions: they connect again under the new one
    else if (role) await afterCommit(tx, () => disconnectRooms([rooms.staffMember(tenantId, id)]));
    return staffView({ ...staff, ...written, ...(role ? { role } : {}) });
  });
}

/** Removal keeps the row (audit entries name it) but disables it and ends its sessions. */
export async function removeStaff(ctx: Ctx, id: number): Promise<StaffView> {
  return updateStaff(ctx, id, { status: 'disabled' });
}

export async function changeStaffPassword(ctx: Ctx & { actor: Extract<Actor, { kind: 'merchant' }> }, currentPassword: string, newPassword: string): Promise<{ changed: true; sessionsRevoked: number }> {
  return withTransaction(ctx, async (tx) => {
    const staff = await findStaff(tx, ctx.actor.id);
    if (!(await verifyPassword(currentPassword, staff.passwordHash))) throw accountErrors.wrongPassword();
    await repo.updateStaffRow(tx, staff.id, { passwordHash: await hashPassword(newPassword) });
    const sessionsRevoked = await revokeActorSessions(tx, 'merchant', staff.id, requireTenantId(tx), ctx.actor.sessionId);
    return { changed: true as const, sessionsRevoked };
  });
}

export async function signOut(ctx: Ctx): Promise<{ signedOut: true }> {
  if ('sessionId' in ctx.actor) await revokeSession(ctx, ctx.actor.sessionId);
  return { signedOut: true as const };
}

/** A member who is not disabled (a manifest skips them; a password reset finds them). */
export async function staffByEmail(ctx: Ctx, email: string): Promise<StaffRow | null> {
  return repo.findEnabledStaffByEmail(ctx, email);
}

export async function setStaffPasswordHash(ctx: Ctx, id: number, passwordHash: string): Promise<void> {
  await repo.updateStaffRow(ctx, id, { passwordHash });
}

/** For other modules: staff members' names by id. */
export async function staffNames(ctx: Ctx, ids: number[]): Promise<Map<number, string>> {
  return new Map((await repo.staffNameRows(ctx, ids)).map((s) => [s.id, s.name]));
}

export async function ownerOf(ctx: Ctx): Promise<StaffRow | null> {
  return repo.findOwner(ctx);
}
