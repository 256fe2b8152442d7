/**
 * Every query of the miniprogram module, and the only file that touches its models. Tokens and the
 * ticket are stored encrypted; this file moves the stored strings, the service encrypts and
 * decrypts. Token writes are conditional on expiry (a token is only replaced by one that lives
 * longer), so two processes refreshing at once never put the older token back.
 */
import { Op, UniqueConstraintError } from 'sequelize';
import { requireTenantId, type Ctx } from '../../core/context.js';
import { acrossTenants, inTx } from '../../core/db/index.js';
import { MiniprogramAuthorizer, MiniprogramSubmission, WechatOpenComponent, type SubmissionStatus } from './model.js';

export interface ComponentRow {
  componentAppid: string;
  verifyTicket: string | null;
  ticketAt: Date | null;
  accessToken: string | null;
  tokenExpiresAt: Date | null;
}

export interface AuthorizerRow {
  id: number;
  tenantId: number;
  appid: string;
  nickname: string;
  principalName: string;
  headImg: string | null;
  accessToken: string | null;
  tokenExpiresAt: Date | null;
  refreshToken: string | null;
  authorizedAt: Date;
  revokedAt: Date | null;
  autoRelease: boolean;
}

export interface SubmissionRow {
  id: number;
  tenantId: number;
  appid: string;
  templateId: string;
  version: string;
  description: string;
  status: SubmissionStatus;
  reason: string | null;
  auditId: string | null;
  createdAt: Date;
  submittedAt: Date | null;
  decidedAt: Date | null;
  releasedAt: Date | null;
}

const componentRow = (c: WechatOpenComponent): ComponentRow => ({
  componentAppid: c.componentAppid,
  verifyTicket: c.verifyTicket,
  ticketAt: c.ticketAt,
  accessToken: c.accessToken,
  tokenExpiresAt: c.tokenExpiresAt,
});

const authorizerRow = (a: MiniprogramAuthorizer): AuthorizerRow => ({
  id: Number(a.id),
  tenantId: Number(a.tenantId),
  appid: a.appid,
  nickname: a.nickname,
  principalName: a.principalName,
  headImg: a.headImg,
  accessToken: a.accessToken,
  tokenExpiresAt: a.tokenExpiresAt,
  refreshToken: a.refreshToken,
  authorizedAt: a.authorizedAt,
  revokedAt: a.revokedAt,
  autoRelease: !!a.autoRelease,
});

const submissionRow = (s: MiniprogramSubmission): SubmissionRow => ({
  id: Number(s.id),
  tenantId: Number(s.tenantId),
  appid: s.appid,
  templateId: s.templateId,
  version: s.version,
  description: s.description,
  status: s.status,
  reason: s.reason,
  auditId: s.auditId,
  createdAt: s.createdAt,
  submittedAt: s.submittedAt,
  decidedAt: s.decidedAt,
  releasedAt: s.releasedAt,
});

const mine = (ctx: Ctx) => ({ tenantId: requireTenantId(ctx) });

/** A token is replaced only by one that lives longer (or where none is). */
const olderToken = (expiresAt: Date) => ({ [Op.or]: [{ tokenExpiresAt: null }, { tokenExpiresAt: { [Op.lt]: expiresAt } }] });

// ---- the component ----

export async function findComponent(ctx: Ctx, componentAppid: string): Promise<ComponentRow | null> {
  const c = await WechatOpenComponent.findOne({ where: { componentAppid }, ...inTx(ctx) });
  return c ? componentRow(c) : null;
}

async function ensureComponent(ctx: Ctx, componentAppid: string): Promise<void> {
  if (await WechatOpenComponent.count({ where: { componentAppid }, ...inTx(ctx) })) return;
  try {
    await WechatOpenComponent.create({ componentAppid, verifyTicket: null, ticketAt: null, accessToken: null, tokenExpiresAt: null }, inTx(ctx));
  } catch (err) {
    if (!(err instanceof UniqueConstraintError)) throw err; // another process made it first
  }
}

export async function storeTicket(ctx: Ctx, componentAppid: string, verifyTicket: string, ticketAt: Date): Promise<void> {
  await ensureComponent(ctx, componentAppid);
  await WechatOpenComponent.update({ verifyTicket, ticketAt }, { where: { componentAppid, [Op.or]: [{ ticketAt: null }, { ticketAt: { [Op.lte]: ticketAt } }] }, ...inTx(ctx) });
}

/** False when a process stored a longer-lived token meanwhile (that one stays). */
export async function storeComponentToken(ctx: Ctx, componentAppid: string, accessToken: string, tokenExpiresAt: Date): Promise<boolean> {
  await ensureComponent(ctx, componentAppid);
  const [n] = await WechatOpenComponent.update({ accessToken, tokenExpiresAt }, { where: { componentAppid, ...olderToken(tokenExpiresAt) }, ...inTx(ctx) });
  return n === 1;
}

/** WeChat said this token is dead (40001/42001): forget it, unless another process replaced it already. */
export async function dropComponentToken(ctx: Ctx, componentAppid: string, accessToken: string): Promise<void> {
  await WechatOpenComponent.update({ tokenExpiresAt: null }, { where: { componentAppid, accessToken }, ...inTx(ctx) });
}

// ---- authorizers ----

export async function authorizerOf(ctx: Ctx): Promise<AuthorizerRow | null> {
  const a = await MiniprogramAuthorizer.findOne({ where: mine(ctx), ...inTx(ctx) });
  return a ? authorizerRow(a) : null;
}

/** The authorizer of an appid, whichever shop it is (pushes name the appid, not the shop). */
export async function authorizerByAppid(ctx: Ctx, appid: string): Promise<AuthorizerRow | null> {
  return acrossTenants('miniprogram: a WeChat push names the appid, not the shop', async () => {
    const a = await MiniprogramAuthorizer.findOne({ where: { appid }, ...inTx(ctx) });
    return a ? authorizerRow(a) : null;
  });
}

export type AuthorizerValues = Pick<AuthorizerRow, 'appid' | 'nickname' | 'principalName' | 'headImg' | 'accessToken' | 'tokenExpiresAt' | 'refreshToken' | 'authorizedAt'>;

/** The shop's one authorizer, made or replaced (a shop that authorizes again, maybe another mini-program). */
export async function saveAuthorizer(ctx: Ctx, values: AuthorizerValues): Promise<AuthorizerRow> {
  const [count] = await MiniprogramAuthorizer.update({ ...values, revokedAt: null }, { where: mine(ctx), ...inTx(ctx) });
  if (!count) await MiniprogramAuthorizer.create({ ...mine(ctx), ...values, revokedAt: null, autoRelease: false }, inTx(ctx));
  return (await authorizerOf(ctx))!;
}

export async function storeAuthorizerToken(ctx: Ctx, id: number, accessToken: string, tokenExpiresAt: Date, refreshToken: string): Promise<boolean> {
  const [n] = await MiniprogramAuthorizer.update({ accessToken, tokenExpiresAt, refreshToken }, { where: { ...mine(ctx), id, ...olderToken(tokenExpiresAt) }, ...inTx(ctx) });
  return n === 1;
}

export async function dropAuthorizerToken(ctx: Ctx, id: number, accessToken: string): Promise<void> {
  await MiniprogramAuthorizer.update({ tokenExpiresAt: null }, { where: { ...mine(ctx), id, accessToken }, ...inTx(ctx) });
}

export async function updateAuthorizer(ctx: Ctx, id: number, changes: Partial<Pick<AuthorizerRow, 'nickname' | 'principalName' | 'headImg' | 'revokedAt' | 'autoRelease' | 'accessToken' | 'tokenExpiresAt' | 'refreshToken'>>): Promise<void> {
  await MiniprogramAuthorizer.update(changes, { where: { ...mine(ctx), id }, ...inTx(ctx) });
}

/** Live authorizers whose token runs out before `before`, across shops, soonest first. */
export async function authorizersExpiringBefore(ctx: Ctx, before: Date, limit: number): Promise<Array<{ tenantId: number; id: number }>> {
  return acrossTenants('miniprogram: authorizer tokens about to expire, in every shop', async () => {
    const rows = await MiniprogramAuthorizer.findAll({
      where: { tokenExpiresAt: { [Op.lte]: before }, revokedAt: null },
      attributes: ['id', 'tenantId'],
      order: [['tokenExpiresAt', 'ASC']],
      limit,
      ...inTx(ctx),
    });
    return rows.map((r) => ({ tenantId: Number(r.tenantId), id: Number(r.id) }));
  });
}

// ---- submissions ----

const OPEN: SubmissionStatus[] = ['committed', 'auditing', 'delayed'];
export const isOpen = (status: SubmissionStatus) => OPEN.includes(status);

/** The new submission's id, or null when the shop has an open one already (the unique key decides). */
export async function insertOpenSubmission(ctx: Ctx, values: Pick<SubmissionRow, 'appid' | 'templateId' | 'version' | 'description'>): Promise<number | null> {
  try {
    const s = await MiniprogramSubmission.create(
      { ...mine(ctx), ...values, status: 'committed', reason: null, auditId: null, openSlot: 1, submittedAt: null, decidedAt: null, releasedAt: null },
      inTx(ctx),
    );
    return Number(s.id);
  } catch (err) {
    if (err instanceof UniqueConstraintError) return null;
    throw err;
  }
}

export async function findSubmission(ctx: Ctx, id: number): Promise<SubmissionRow | null> {
  const s = await MiniprogramSubmission.findOne({ where: { ...mine(ctx), id }, ...inTx(ctx) });
  return s ? submissionRow(s) : null;
}

export async function listSubmissions(ctx: Ctx, limit: number): Promise<SubmissionRow[]> {
  return (await MiniprogramSubmission.findAll({ where: mine(ctx), order: [['id', 'DESC']], limit, ...inTx(ctx) })).map(submissionRow);
}

export async function lastReleased(ctx: Ctx): Promise<SubmissionRow | null> {
  const s = await MiniprogramSubmission.findOne({ where: { ...mine(ctx), status: 'released' }, order: [['releasedAt', 'DESC'], ['id', 'DESC']], ...inTx(ctx) });
  return s ? submissionRow(s) : null;
}

/**
 * A transition that happens once: the row changes only while its status is one of `from`. A
 * status leaving the open ones frees the shop's open slot in the same statement.
 */
export async function transition(
  ctx: Ctx,
  id: number,
  from: SubmissionStatus[],
  changes: Partial<Pick<SubmissionRow, 'status' | 'reason' | 'auditId' | 'submittedAt' | 'decidedAt' | 'releasedAt'>>,
): Promise<boolean> {
  const slot = changes.status && !isOpen(changes.status) ? { openSlot: null } : {};
  const [n] = await MiniprogramSubmission.update({ ...changes, ...slot }, { where: { ...mine(ctx), id, status: from }, ...inTx(ctx) });
  return n === 1;
}

/** The shop's open submission (committed, auditing or delayed), if any. */
export async function openSubmission(ctx: Ctx): Promise<SubmissionRow | null> {
  const s = await MiniprogramSubmission.findOne({ where: { ...mine(ctx), openSlot: 1 }, ...inTx(ctx) });
  return s ? submissionRow(s) : null;
}
