import { hashPassword, passwordSignIn, registerActorLoader, type IssuedToken } from '../../core/auth/index.js';
import type { Ctx } from '../../core/context.js';
import { inTx } from '../../core/db/index.js';
import { PlatformUser } from './model.js';

registerActorLoader('platform', async (claims) => {
  const user = await PlatformUser.findByPk(claims.sub, { raw: true });
  if (!user || user.status !== 'active') return null;
  return { kind: 'platform', id: user.id, email: user.email, sessionId: claims.sid };
});

/** The first operator, from PLATFORM_ADMIN_EMAIL/_PASSWORD; created once, never overwritten. */
export async function ensurePlatformAdmin(ctx: Ctx, email: string, password: string): Promise<{ created: boolean }> {
  const existing = await PlatformUser.findOne({ where: { email: email.toLowerCase() }, ...inTx(ctx) });
  if (existing) return { created: false };
  await PlatformUser.create({ email: email.toLowerCase(), name: 'Platform admin', passwordHash: await hashPassword(password), role: 'admin', status: 'active' }, inTx(ctx));
  return { created: true };
}

export async function platformSignIn(ctx: Ctx, email: string, password: string): Promise<IssuedToken> {
  const { token, expiresAt } = await passwordSignIn(ctx, {
    kind: 'platform',
    tenantId: null,
    login: email,
    password,
    find: async () => {
      const u = await PlatformUser.findOne({ where: { email }, ...inTx(ctx) });
      return u ? { id: u.id, passwordHash: u.passwordHash, active: u.status === 'active' } : null;
    },
  });
  return { token, expiresAt };
}

export async function platformMe(ctx: Ctx, id: number) {
  const u = await PlatformUser.findByPk(id, inTx(ctx));
  return u ? { id: u.id, email: u.email, name: u.name, role: u.role } : null;
}

export async function platformUserByEmail(ctx: Ctx, email: string) {
  return PlatformUser.findOne({ where: { email, status: 'active' }, ...inTx(ctx) });
}

export async function setPlatformPasswordHash(ctx: Ctx, id: number, passwordHash: string): Promise<void> {
  await PlatformUser.update({ passwordHash }, { where: { id }, ...inTx(ctx) });
}
