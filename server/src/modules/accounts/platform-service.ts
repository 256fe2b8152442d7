import { hashPassword, passwordSignIn, actorLoader, type IssuedToken } from '../../core/auth/index.js';
import type { Actor, Ctx } from '../../core/context.js';
import { heldPermissionKeys } from '../../core/permissions.js';
import * as repo from './repository/platform.js';
import { administratorRole, effectivePermissions } from './platform-roles.js';

// not cached with the session: a role change or a role edit applies to the next request
export const platformUserLoader = actorLoader('platform', async (claims) => {
  const user = await repo.platformUserForSession(claims.sub);
  if (!user || user.status !== 'active') return null;
  return { kind: 'platform', id: user.id, email: user.email, roleId: user.roleId, ...effectivePermissions(user.role), sessionId: claims.sid } satisfies Actor;
});

/** A platform user with a built-in role, created once and never overwritten (the first operator, demo staff). */
export async function ensurePlatformUser(ctx: Ctx, input: { email: string; name: string; password: string; roleCode: string }): Promise<{ created: boolean }> {
  const email = input.email.toLowerCase();
  const existing = await repo.findPlatformUserByEmail(ctx, email);
  if (existing) return { created: false };
  const role = input.roleCode === 'administrator' ? await administratorRole(ctx) : await repo.findPlatformRoleByCode(ctx, input.roleCode);
  if (!role) throw new Error(`no built-in platform role ${input.roleCode}: run the migrations`);
  await repo.insertPlatformUser(ctx, { email, name: input.name, passwordHash: await hashPassword(input.password), roleId: role.id, status: 'active' });
  return { created: true };
}

/** The first operator, from PLATFORM_ADMIN_EMAIL/_PASSWORD: an administrator. */
export async function ensurePlatformAdmin(ctx: Ctx, email: string, password: string): Promise<{ created: boolean }> {
  return ensurePlatformUser(ctx, { email, name: 'Platform admin', password, roleCode: 'administrator' });
}

export async function platformSignIn(ctx: Ctx, email: string, password: string): Promise<IssuedToken> {
  const { token, expiresAt } = await passwordSignIn(ctx, {
    kind: 'platform',
    tenantId: null,
    login: email,
    password,
    find: async () => {
      const u = await repo.findPlatformUserByEmail(ctx, email);
      return u ? { id: u.id, passwordHash: u.passwordHash, active: u.status === 'active' } : null;
    },
  });
  return { token, expiresAt };
}

export async function platformMe(ctx: Ctx, id: number) {
  const u = await repo.findPlatformUser(ctx, id);
  if (!u) return null;
  const { isAdministrator } = effectivePermissions(u.role);
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role?.code ?? u.role?.name ?? null,
    roleId: u.roleId,
    roleName: u.role?.name ?? null,
    isAdministrator,
    // what the role covers (suppliers.review covers suppliers.read): the console offers exactly the roles one may give
    permissions: isAdministrator ? ['*'] : heldPermissionKeys(ctx),
  };
}

export async function platformUserByEmail(ctx: Ctx, email: string) {
  return repo.findActivePlatformUserByEmail(ctx, email);
}

export async function setPlatformPasswordHash(ctx: Ctx, id: number, passwordHash: string): Promise<void> {
  await repo.updatePlatformUserRow(ctx, id, { passwordHash });
}
