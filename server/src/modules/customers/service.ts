import { UniqueConstraintError } from 'sequelize';
import {
  guardedSignIn,
  hashPassword,
  issueToken,
  passwordSignIn,
  actorLoader,
  revokeActorSessions,
  type IssuedToken,
} from '../../core/auth/index.js';
import { clock } from '../../core/clock.js';
import type { Actor, Ctx } from '../../core/context.js';
import { requireTenantId, systemContext } from '../../core/context.js';
import { pageOf, withTransaction, type Page, type PageQuery } from '../../core/db/index.js';
import { AppError, conflict, notFound } from '../../core/errors.js';
import { runEach, runSequence } from '../../core/hooks.js';
import { can } from '../../core/permissions.js';
import { wechat } from '../../core/wechat.js';
import { appCredentials } from '../tenants/index.js';
import { customerSignedUp, profileExtras } from './hooks.js';
import type { CustomerStatus } from './model.js';
import * as repo from './repository.js';
import type { CustomerRow, NewCustomerRow } from './repository.js';
import { checkCode, codeInvalid, sendCode, type CodePurpose } from './sms-codes.js';

type ShopperCtx = Ctx & { actor: Extract<Actor, { kind: 'shopper' }> };

// A shopper actor is their id and shop, cached with the session: disabling a shopper must revoke
// their sessions, as a password reset does.
export const shopperLoader = actorLoader(
  'shopper',
  async (claims) => {
    if (claims.tid == null) return null;
    const c = await repo.customerStatus(systemContext('authenticate', claims.tid), claims.sub);
    if (!c || c.status !== 'active') return null;
    return { kind: 'shopper', id: c.id, tenantId: claims.tid, sessionId: claims.sid };
  },
  { cacheWithSession: true },
);

const phoneTaken = (phone: string) => conflict('phone_taken', `${phone} already has an account in this shop`, [{ field: 'phone', message: 'already registered' }]);

export function maskPhone(phone: string | null): string | null {
  return phone ? phone.replace(/^(\d{3})\d{4}(\d{4})$/, '$1****$2') : null;
}

export interface CustomerView {
  id: number;
  phone: string | null;
  nickname: string | null;
  avatarUrl: string | null;
  wechatBound: boolean;
  status: CustomerStatus;
  createdAt: string;
  lastLoginAt: string | null;
  /** The shopper's member level, when the shop has levels (added by the membership module). */
  level?: { name: string; rank: number } | null;
}

function view(c: CustomerRow, showPhone: boolean): CustomerView {
  return {
    id: c.id,
    phone: showPhone ? c.phone : maskPhone(c.phone),
    nickname: c.nickname,
    avatarUrl: c.avatarUrl,
    wechatBound: !!c.wechatOpenid,
    status: c.status,
    createdAt: c.createdAt.toISOString(),
    lastLoginAt: c.lastLoginAt ? c.lastLoginAt.toISOString() : null,
  };
}

/** A new shopper of the context's shop; whichever way they signed up, the other fields start empty. */
async function createCustomer(ctx: Ctx, fields: Partial<Pick<NewCustomerRow, 'phone' | 'passwordHash' | 'nickname' | 'wechatOpenid' | 'wechatUnionid'>>, inviteCode?: string): Promise<CustomerRow> {
  const customer = await repo.insertCustomer(ctx, { phone: null, passwordHash: null, nickname: null, avatarUrl: null, wechatOpenid: null, wechatUnionid: null, status: 'active', lastLoginAt: null, ...fields });
  await runEach(customerSignedUp, ctx, { id: customer.id, ...(inviteCode ? { inviteCode } : {}) });
  return customer;
}

/**
 * A shopper who never signs in (no phone, no password): a store's walk-in customer (门店散客),
 * whom counter sales to nobody in particular are booked to. No sign-up hooks run (no welcome coupons).
 */
export async function walkInCustomer(ctx: Ctx, nickname: string): Promise<number> {
  return (await repo.insertCustomer(ctx, { phone: null, passwordHash: null, nickname, avatarUrl: null, wechatOpenid: null, wechatUnionid: null, status: 'active', lastLoginAt: null })).id;
}

const byPhone = (ctx: Ctx, phone: string) => repo.findCustomerByPhone(ctx, phone);

async function signedIn(ctx: Ctx, customer: CustomerRow, isNew: boolean): Promise<IssuedToken & { customer: { id: number; isNew: boolean } }> {
  await repo.updateCustomerRow(ctx, customer.id, { lastLoginAt: clock.now() });
  const issued = await issueToken(ctx, 'shopper', customer.id, customer.tenantId);
  return { ...issued, customer: { id: customer.id, isNew } };
}

export async function register(ctx: Ctx, input: { phone: string; password: string; nickname?: string; inviteCode?: string }) {
  return withTransaction(ctx, async (tx) => {
    if (await byPhone(tx, input.phone)) throw phoneTaken(input.phone);
    const customer = await createCustomer(tx, { phone: input.phone, passwordHash: await hashPassword(input.password), nickname: input.nickname ?? null }, input.inviteCode).catch((err: unknown) => {
      if (err instanceof UniqueConstraintError) throw phoneTaken(input.phone);
      throw err;
    });
    return signedIn(tx, customer, true);
  });
}

export async function loginWithPassword(ctx: Ctx, phone: string, password: string): Promise<IssuedToken> {
  const tenantId = requireTenantId(ctx);
  const issued = await passwordSignIn(ctx, {
    kind: 'shopper',
    tenantId,
    login: phone,
    password,
    find: async () => {
      const c = await byPhone(ctx, phone);
      return c ? { id: c.id, passwordHash: c.passwordHash, active: c.status === 'active' } : null;
    },
  });
  await repo.updateCustomerRow(ctx, issued.accountId, { lastLoginAt: clock.now() });
  return { token: issued.token, expiresAt: issued.expiresAt };
}

export function requestCode(ctx: Ctx, phone: string, purpose: CodePurpose) {
  return sendCode(ctx, phone, purpose);
}

/** SMS sign-in signs a new phone up on first use. Wrong codes count towards the lockout. */
export async function loginWithCode(ctx: Ctx, phone: string, code: string) {
  await guardedSignIn(ctx, { kind: 'shopper', tenantId: requireTenantId(ctx), login: phone }, () => checkCode(ctx, phone, 'login', code));
  return withTransaction(ctx, async (tx) => {
    const existing = await byPhone(tx, phone);
    if (existing) {
      if (existing.status !== 'active') throw new AppError(401, 'invalid_credentials', 'This account is disabled');
      return signedIn(tx, existing, false);
    }
    const customer = await createCustomer(tx, { phone });
    return signedIn(tx, customer, true);
  });
}

/**
 * code2session with the app the request came through (X-App-Id) or the tenant's first app: through
 * the third-party platform's component when the merchant authorized the app to it.
 */
export async function loginWithWechat(ctx: Ctx, code: string, appid: string | undefined) {
  const tenantId = requireTenantId(ctx);
  const app = await appCredentials(ctx, tenantId, appid);
  if (!app) throw new AppError(409, 'wechat_app_not_configured', 'This shop has no WeChat mini-program bound');
  const session = app.viaPlatform ? await wechat().componentCode2session(app.appid, code) : await wechat().code2session(app.appid, app.secret, code);
  return withTransaction(ctx, async (tx) => {
    const existing = await repo.findCustomerByOpenid(tx, session.openid);
    if (existing) {
      if (existing.status !== 'active') throw new AppError(401, 'invalid_credentials', 'This account is disabled');
      if (session.unionid && existing.wechatUnionid !== session.unionid) await repo.updateCustomerRow(tx, existing.id, { wechatUnionid: session.unionid });
      return signedIn(tx, existing, false);
    }
    const customer = await createCustomer(tx, { wechatOpenid: session.openid, wechatUnionid: session.unionid });
    return signedIn(tx, customer, true);
  });
}

export async function resetPassword(ctx: Ctx, input: { phone: string; code: string; password: string }) {
  await checkCode(ctx, input.phone, 'reset', input.code);
  return withTransaction(ctx, async (tx) => {
    const customer = await byPhone(tx, input.phone);
    if (!customer) throw codeInvalid();
    await repo.updateCustomerRow(tx, customer.id, { passwordHash: await hashPassword(input.password) });
    await revokeActorSessions(tx, 'shopper', customer.id, customer.tenantId);
    return { reset: true as const };
  });
}

async function self(ctx: ShopperCtx): Promise<CustomerRow> {
  const c = await repo.findCustomer(ctx, ctx.actor.id);
  if (!c) throw notFound('Customer');
  return c;
}

export async function me(ctx: ShopperCtx): Promise<CustomerView> {
  return runSequence(profileExtras, view(await self(ctx), true), ctx);
}

export async function updateProfile(ctx: ShopperCtx, changes: { nickname?: string; avatarUrl?: string }): Promise<CustomerView> {
  const c = await self(ctx);
  await repo.updateCustomerRow(ctx, c.id, changes);
  return view({ ...c, ...changes }, true);
}

export async function bindPhone(ctx: ShopperCtx, phone: string, code: string): Promise<CustomerView> {
  await checkCode(ctx, phone, 'bind', code);
  return withTransaction(ctx, async (tx) => {
    const owner = await byPhone(tx, phone);
    if (owner && owner.id !== ctx.actor.id) throw phoneTaken(phone);
    const c = await self(tx);
    await repo.updateCustomerRow(tx, c.id, { phone });
    return view({ ...c, phone }, true);
  });
}

export async function listCustomers(ctx: Ctx, q: PageQuery & { q?: string }): Promise<Page<CustomerView>> {
  const showPhone = can(ctx, 'readPhone', 'Customer');
  // without customers.phone a phone is found only when typed whole, so a search cannot spell out a masked number
  const search = q.q ? { text: q.q, phone: showPhone ? ('contains' as const) : /^\d{11}$/.test(q.q) ? ('equals' as const) : null } : null;
  const { rows, count } = await repo.customerPage(ctx, search, q);
  return pageOf(q, rows.map((c) => view(c, showPhone)), count);
}

export async function getCustomer(ctx: Ctx, id: number): Promise<CustomerView> {
  const c = await repo.findCustomer(ctx, id);
  if (!c) throw notFound('Customer');
  return view(c, can(ctx, 'readPhone', 'Customer'));
}

/** For other modules: a shopper's basic identity (chat, orders). */
export async function customerBrief(ctx: Ctx, id: number): Promise<{ id: number; nickname: string | null; phone: string | null } | null> {
  return repo.customerBriefRow(ctx, id);
}

/** For other modules: several shoppers' names and phones (phones masked unless `showPhone`), by id. */
export async function customerBriefs(ctx: Ctx, ids: number[], showPhone: boolean): Promise<Map<number, { id: number; nickname: string | null; phone: string | null }>> {
  const rows = await repo.customerBriefRows(ctx, ids);
  return new Map(rows.map((c) => [c.id, { ...c, phone: showPhone ? c.phone : maskPhone(c.phone) }]));
}

/** For other modules: shoppers a staff search names (nickname, or phone as customers.readPhone allows). */
export function customersMatching(ctx: Ctx, text: string, limit: number): Promise<number[]> {
  const showPhone = can(ctx, 'readPhone', 'Customer');
  return repo.customerIdsMatching(ctx, { text, phone: showPhone ? 'contains' : /^\d{11}$/.test(text) ? 'equals' : null }, limit);
}

/** For tenant manifests: the shopper with this phone, created with the password if missing. */
export async function ensureCustomer(ctx: Ctx, input: { phone: string; password: string; nickname?: string }): Promise<{ id: number; created: boolean }> {
  const existing = await byPhone(ctx, input.phone);
  if (existing) return { id: existing.id, created: false };
  const c = await createCustomer(ctx, { phone: input.phone, passwordHash: await hashPassword(input.password), nickname: input.nickname ?? null });
  return { id: c.id, created: true };
}

/** The mini-program identity WeChat Pay needs: the app the request came through and the shopper's openid there. */
export async function wechatPayer(ctx: Ctx, customerId: number, appid: string | undefined): Promise<{ appid: string; openid: string } | null> {
  const openid = await repo.wechatOpenidOf(ctx, customerId);
  if (!openid) return null;
  const app = await appCredentials(ctx, requireTenantId(ctx), appid);
  return app ? { appid: app.appid, openid } : null;
}
