/**
 * A shop's mini-program through the platform: authorization (pre-auth code, WeChat's page, the
 * callback binding the appid to the shop), then code management with the shop's authorizer
 * token: commit the newest template with the shop's ext_json, submit it for audit, take WeChat's
 * audit result, release. States and the pushes that move them: CONTEXT.md.
 */
import { recordAudit } from '../../core/audit.js';
import { cache } from '../../core/cache.js';
import { clock } from '../../core/clock.js';
import { config } from '../../core/config.js';
import { requireTenantId, systemContext, type Ctx } from '../../core/context.js';
import { encryptSecret } from '../../core/crypto.js';
import { afterCommit, withTransaction } from '../../core/db/index.js';
import { AppError } from '../../core/errors.js';
import { scheduleJob, type JobHandler } from '../../core/jobs.js';
import { logger } from '../../core/logger.js';
import { platformUrl, tenantUrl } from '../../core/tenancy.js';
import { assertListing } from '../market/index.js';
import { storeView } from '../storefront/index.js';
import { appOwner, bindPlatformApp, hostOf, tenantErrors } from '../tenants/index.js';
import { miniprogramErrors, WechatApiError } from './errors.js';
import { isLive, openApi, platformKeys, WECHAT_PAGE_BASE } from './platform.js';
import * as repo from './repository.js';
import { asShop } from './shop-context.js';
import { readState, signState } from './state.js';
import { withAuthorizerToken, withComponentToken } from './tokens.js';
import { authorizationPageUrl, type Template } from './wechat-api.js';

export const RELEASE_JOB = 'miniprogram.release';
/** The mini-program's product page, and the scene it reads the product from. */
export const PRODUCT_PAGE = 'pages/product/index';
export const productScene = (productId: number) => `p=${productId}`;
export const HOME_PAGE = 'pages/home/index';
/**
 * A distributor's share as a scene (WeChat allows 32 characters): `p=<product id>&i=<invite code>`,
 * or `i=<code>` for the shop (at most 2 + 10 + 3 + 16 = 31). The mini-program reads it back with
 * web/miniprogram/src/lib/links.ts (`sceneProductId`, `sceneInviteCode`).
 */
export const shareScene = (productId: number | null, inviteCode: string) => `${productId ? `${productScene(productId)}&` : ''}i=${inviteCode}`;
/** Where the callback lands, under the API prefix, on the platform host (WeChat's 授权发起页域名). */
export const AUTHORIZED_PATH = '/wechat/open/authorized';
export const SANDBOX_PAGE_PATH = '/wechat/open/sandbox/authorize';
export const LAUNCH_PATH = '/wechat/open/authorize';
const API = '/api/v1';
/** WeChat: "this version is already released". */
const ALREADY_RELEASED = 85052;

export interface SubmissionView {
  id: number;
  version: string;
  description: string;
  status: repo.SubmissionRow['status'];
  reason: string | null;
  auditId: string | null;
  createdAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
  releasedAt: string | null;
}

export interface Overview {
  mode: 'live' | 'sandbox';
  authorizer: null | { appid: string; nickname: string; principalName: string; headImg: string | null; authorizedAt: string; revoked: boolean };
  template: null | { templateId: string; version: string; description: string };
  autoRelease: boolean;
  released: null | { version: string; releasedAt: string };
  submissions: SubmissionView[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const submissionView = (s: repo.SubmissionRow): SubmissionView => ({
  id: s.id,
  version: s.version,
  description: s.description,
  status: s.status,
  reason: s.reason,
  auditId: s.auditId,
  createdAt: s.createdAt.toISOString(),
  submittedAt: iso(s.submittedAt),
  decidedAt: iso(s.decidedAt),
  releasedAt: iso(s.releasedAt),
});

// ---- the template library (the platform's, the same for every shop) ----

const TEMPLATE_CACHE_MS = 60_000;
let templateCache: { at: number; key: string; template: Template | null } | undefined;

async function newestTemplate(ctx: Ctx): Promise<Template | null> {
  const key = `${platformKeys().appid}:${isLive()}`;
  if (templateCache && templateCache.key === key && clock.nowMs() - templateCache.at < TEMPLATE_CACHE_MS) return templateCache.template;
  const template = (await withComponentToken(ctx, (token) => openApi().templates(token)))[0] ?? null;
  templateCache = { at: clock.nowMs(), key, template };
  return template;
}

/** Tests: the next read asks WeChat again. */
export function forgetTemplates(): void {
  templateCache = undefined;
}

// ---- the overview ----

export async function overview(ctx: Ctx): Promise<Overview> {
  const [authorizer, released, submissions] = await Promise.all([repo.authorizerOf(ctx), repo.lastReleased(ctx), repo.listSubmissions(ctx, 20)]);
  let template: Template | null = null;
  try {
    template = await newestTemplate(ctx);
  } catch (err) {
    logger().warn({ err }, 'could not read the platform\'s template library');
  }
  return {
    mode: isLive() ? 'live' : 'sandbox',
    authorizer: authorizer && {
      appid: authorizer.appid,
      nickname: authorizer.nickname,
      principalName: authorizer.principalName,
      headImg: authorizer.headImg,
      authorizedAt: authorizer.authorizedAt.toISOString(),
      revoked: !!authorizer.revokedAt,
    },
    template: template && { templateId: template.templateId, version: template.version, description: template.description },
    autoRelease: authorizer?.autoRelease ?? false,
    released: released?.releasedAt ? { version: released.version, releasedAt: released.releasedAt.toISOString() } : null,
    submissions: submissions.map(submissionView),
  };
}

export async function setAutoRelease(ctx: Ctx, autoRelease: boolean): Promise<Overview> {
  const authorizer = await liveAuthorizer(ctx);
  await repo.updateAuthorizer(ctx, authorizer.id, { autoRelease });
  return overview(ctx);
}

async function liveAuthorizer(ctx: Ctx): Promise<repo.AuthorizerRow> {
  const authorizer = await repo.authorizerOf(ctx);
  if (!authorizer || authorizer.revokedAt) throw miniprogramErrors.notAuthorized();
  return authorizer;
}

// ---- authorization ----

const callbackUrl = (state: string) => `${platformUrl(`${API}${AUTHORIZED_PATH}`)}?state=${state}`;

/** WeChat's authorization page (componentloginpage) for a pre-auth code and a shop's state. */
export function wechatAuthorizationUrl(preAuthCode: string, state: string): string {
  return authorizationPageUrl(`${WECHAT_PAGE_BASE}/cgi-bin/componentloginpage`, platformKeys().appid, preAuthCode, callbackUrl(state));
}

/**
 * The page the console opens to authorize: live, our launch page on the platform host (WeChat
 * opens its page only from a click on the component's 授权发起页域名), which links to WeChat's;
 * in the sandbox, the stand-in's own 模拟微信授权 page.
 */
export async function startAuthorization(ctx: Ctx): Promise<{ url: string }> {
  const preAuth = await withComponentToken(ctx, (token) => openApi().preAuthCode(token));
  const state = signState(requireTenantId(ctx));
  if (!isLive()) return { url: authorizationPageUrl(platformUrl(`${API}${SANDBOX_PAGE_PATH}`), platformKeys().appid, preAuth.token, callbackUrl(state)) };
  return { url: `${platformUrl(`${API}${LAUNCH_PATH}`)}?${new URLSearchParams({ pre_auth_code: preAuth.token, state })}` };
}

const consoleUrl = (slug: string, query: string) => tenantUrl(slug, `/admin/#/miniprogram?${query}`);

/**
 * The origin of the console an authorization started from (named by its signed state), or null.
 * The sandbox's page lets its form lead there: WeChat's own page is on WeChat's host, but ours
 * carries our CSP, whose form-action would stop the callback's redirect to the shop's host.
 */
export async function consoleOriginOf(state: string): Promise<string | null> {
  const tenantId = readState(state);
  if (tenantId === null) return null;
  return asShop('miniprogram.sandbox-page', tenantId, async (ctx) => new URL(tenantUrl(ctx.tenant!.slug)).origin).catch(() => null);
}

/**
 * WeChat's redirect after the merchant confirmed: the shop comes from the signed state, the appid
 * and tokens from api_query_auth. The appid becomes the shop's `wechat_mp` app (tenants) and its
 * authorizer, in one transaction; an appid another shop has is refused and nothing changes.
 * Answers where to send the merchant's browser.
 */
export async function completeAuthorization(authCode: string, state: string): Promise<string> {
  const tenantId = readState(state);
  if (tenantId === null) throw miniprogramErrors.stateInvalid();
  return asShop('miniprogram.authorize', tenantId, async (ctx) => {
    const slug = ctx.tenant!.slug;
    try {
      const tokens = await withComponentToken(ctx, (token) => openApi().queryAuth(token, authCode));
      const info = await withComponentToken(ctx, (token) => openApi().authorizerInfo(token, tokens.appid));
      const authorizer = await withTransaction(ctx, async (tx) => {
        const holder = await repo.authorizerByAppid(tx, tokens.appid);
        const owner = await appOwner(tx, tokens.appid);
        if ((holder && holder.tenantId !== tenantId) || (owner !== null && owner !== tenantId)) throw tenantErrors.appidTaken(tokens.appid);
        await bindPlatformApp(tx, tenantId, tokens.appid);
        const saved = await repo.saveAuthorizer(tx, {
          appid: tokens.appid,
          nickname: info.nickname.slice(0, 64),
          principalName: info.principalName.slice(0, 128),
          headImg: info.headImg?.slice(0, 512) ?? null,
          accessToken: encryptSecret(tokens.accessToken),
          tokenExpiresAt: new Date(clock.nowMs() + tokens.expiresIn * 1000),
          refreshToken: encryptSecret(tokens.refreshToken),
          authorizedAt: clock.now(),
        });
        await recordAudit(tx, { action: 'miniprogram.authorize', targetType: 'miniprogram', targetId: tokens.appid, details: { nickname: info.nickname } });
        afterCommit(tx, () => logger().info({ tenantId, appid: tokens.appid }, 'mini-program authorized to the platform'));
        return saved;
      });
      await setServerDomains(ctx, authorizer);
      return consoleUrl(slug, 'authorized=1');
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      logger().warn({ tenantId, code: err.code, err: err.message }, 'mini-program authorization refused');
      return consoleUrl(slug, `authorized=0&error=${encodeURIComponent(err.code)}`);
    }
  });
}

/** The mini-program may only call the shop's own host: set its server domains to it (best effort: the merchant can set them by hand). */
async function setServerDomains(ctx: Ctx, authorizer: repo.AuthorizerRow): Promise<void> {
  try {
    await withAuthorizerToken(ctx, authorizer, (token) => openApi().setDomains(token, hostOf(ctx.tenant!.slug)));
  } catch (err) {
    logger().warn({ err, appid: authorizer.appid }, 'could not set the mini-program\'s server domains');
  }
}

/** `authorized` / `updateauthorized` pushes: a shop we know re-authorized; its new code gives fresh tokens. */
export async function authorizationChanged(appid: string, authCode?: string): Promise<void> {
  const known = await repo.authorizerByAppid(systemContext('miniprogram.push'), appid);
  if (!known) return; // a first authorization completes through the redirect, which names the shop
  await asShop('miniprogram.push', known.tenantId, async (ctx) => {
    if (authCode) {
      const tokens = await withComponentToken(ctx, (token) => openApi().queryAuth(token, authCode));
      await repo.updateAuthorizer(ctx, known.id, {
        accessToken: encryptSecret(tokens.accessToken),
        tokenExpiresAt: new Date(clock.nowMs() + tokens.expiresIn * 1000),
        refreshToken: encryptSecret(tokens.refreshToken),
        revokedAt: null,
      });
    }
    const info = await withComponentToken(ctx, (token) => openApi().authorizerInfo(token, appid));
    await repo.updateAuthorizer(ctx, known.id, { nickname: info.nickname.slice(0, 64), principalName: info.principalName.slice(0, 128), headImg: info.headImg });
  });
}

/** `unauthorized` push: the merchant withdrew the authorization on WeChat's side. */
export async function authorizationRevoked(appid: string): Promise<void> {
  const known = await repo.authorizerByAppid(systemContext('miniprogram.push'), appid);
  if (!known || known.revokedAt) return;
  await asShop('miniprogram.push', known.tenantId, (ctx) =>
    withTransaction(ctx, async (tx) => {
      await repo.updateAuthorizer(tx, known.id, { revokedAt: clock.now(), accessToken: null, tokenExpiresAt: null, refreshToken: null });
      await recordAudit(tx, { action: 'miniprogram.unauthorized', targetType: 'miniprogram', targetId: appid });
    }),
  );
}

// ---- code management ----

/** The ext_json the template reads with wx.getExtConfigSync(): exactly the mini-program's TenantConfig under `ext`. */
export async function extJsonFor(ctx: Ctx, appid: string): Promise<string> {
  const store = await storeView(ctx);
  const origin = tenantUrl(store.slug, '');
  const ext = {
    apiBase: `${origin}${API}`,
    appId: appid,
    slug: store.slug,
    name: store.name,
    primaryColor: store.branding.primaryColor,
    logoUrl: store.branding.logoUrl,
    socketUrl: origin.replace(/^http/, 'ws'),
  };
  return JSON.stringify({ extEnable: true, extAppid: appid, directCommit: false, ext, window: { navigationBarTitleText: store.name } });
}

/**
 * Commit the newest template with the shop's ext_json and submit it for audit. The open slot is
 * taken first (a unique key: of ten submits at once, one goes on, the others are 409), then WeChat
 * is called; a refusal there fails the submission, freeing the slot, and is answered as the error.
 */
export async function submit(ctx: Ctx, description: string | undefined): Promise<SubmissionView> {
  const authorizer = await liveAuthorizer(ctx);
  const template = await newestTemplate(ctx);
  if (!template) throw miniprogramErrors.templateMissing();
  const desc = (description?.trim() || template.description || template.version).slice(0, 500);
  const id = await repo.insertOpenSubmission(ctx, { appid: authorizer.appid, templateId: template.templateId, version: template.version, description: desc });
  if (id === null) throw miniprogramErrors.auditInProgress();
  try {
    const extJson = await extJsonFor(ctx, authorizer.appid);
    await withAuthorizerToken(ctx, authorizer, (token) => openApi().commit(token, { templateId: template.templateId, extJson, version: template.version, description: desc }));
    const auditId = await withAuthorizerToken(ctx, authorizer, (token) => openApi().submitAudit(token, desc));
    await repo.transition(ctx, id, ['committed'], { status: 'auditing', auditId, submittedAt: clock.now() });
  } catch (err) {
    // WeChat's words when it refused (its errcode and errmsg), ours when it did not answer
    const reason = (err instanceof WechatApiError ? `${err.errcode}: ${err.errmsg}` : err instanceof Error ? err.message : String(err)).slice(0, 1000);
    await repo.transition(ctx, id, ['committed'], { status: 'failed', reason, decidedAt: clock.now() });
    throw err;
  }
  return submissionView((await repo.findSubmission(ctx, id))!);
}

async function submissionOf(ctx: Ctx, id: number): Promise<repo.SubmissionRow> {
  const s = await repo.findSubmission(ctx, id);
  if (!s) throw miniprogramErrors.submissionNotFound();
  return s;
}

/** Release an approved version (by the merchant, or by the auto-release job); releasing a released one changes nothing. */
export async function release(ctx: Ctx, id: number): Promise<SubmissionView> {
  const s = await submissionOf(ctx, id);
  if (s.status === 'released') return submissionView(s);
  if (s.status !== 'approved') throw miniprogramErrors.notApproved();
  const authorizer = await liveAuthorizer(ctx);
  try {
    await withAuthorizerToken(ctx, authorizer, (token) => openApi().release(token));
  } catch (err) {
    if (!(err instanceof WechatApiError) || err.errcode !== ALREADY_RELEASED) throw err;
  }
  await repo.transition(ctx, id, ['approved'], { status: 'released', releasedAt: clock.now() });
  return submissionView(await submissionOf(ctx, id));
}

/** Withdraw a version from audit (undocodeaudit). */
export async function withdraw(ctx: Ctx, id: number): Promise<SubmissionView> {
  const s = await submissionOf(ctx, id);
  if (s.status !== 'auditing' && s.status !== 'delayed') throw miniprogramErrors.notAuditing();
  const authorizer = await liveAuthorizer(ctx);
  await withAuthorizerToken(ctx, authorizer, (token) => openApi().undoAudit(token));
  await repo.transition(ctx, id, ['auditing', 'delayed'], { status: 'withdrawn', decidedAt: clock.now() });
  return submissionView(await submissionOf(ctx, id));
}

export type AuditResult = { result: 'success' } | { result: 'fail'; reason: string } | { result: 'delay'; reason: string };

/**
 * WeChat's audit push for an appid: moves the shop's open submission forward once (a conditional
 * update; the same push again finds nothing to move). Approval with auto-release on schedules
 * the release job in the same transaction.
 */
export async function applyAuditResult(appid: string, outcome: AuditResult): Promise<void> {
  const known = await repo.authorizerByAppid(systemContext('miniprogram.audit'), appid);
  if (!known) {
    logger().warn({ appid }, 'audit push for a mini-program no shop has');
    return;
  }
  await asShop('miniprogram.audit', known.tenantId, (ctx) => withTransaction(ctx, async (tx) => {
    const open = await repo.openSubmission(tx);
    if (!open) return;
    const now = clock.now();
    if (outcome.result === 'delay') {
      await repo.transition(tx, open.id, ['committed', 'auditing'], { status: 'delayed', reason: outcome.reason || null });
      return;
    }
    const moved = await repo.transition(tx, open.id, ['committed', 'auditing', 'delayed'], outcome.result === 'success' ? { status: 'approved', reason: null, decidedAt: now } : { status: 'rejected', reason: outcome.reason || null, decidedAt: now });
    if (moved && outcome.result === 'success' && known.autoRelease) {
      await scheduleJob(tx, RELEASE_JOB, now, { submissionId: open.id }, { dedupeKey: `${RELEASE_JOB}:${open.id}`, maxAttempts: 8 });
    }
  }));
}

/** Auto-release: throws to be retried by the jobs' backoff (WeChat down, a token to refresh). */
export const releaseJob: JobHandler = async (ctx, payload) => {
  const s = await repo.findSubmission(ctx, Number(payload.submissionId));
  if (!s || s.status !== 'approved') return;
  await asShop(RELEASE_JOB, s.tenantId, (shop) => release(shop, s.id));
};

// ---- codes ----

export async function previewCode(ctx: Ctx): Promise<Buffer> {
  const authorizer = await liveAuthorizer(ctx);
  return withAuthorizerToken(ctx, authorizer, (token) => openApi().previewCode(token));
}

/** A product's code does not change while the shop keeps its mini-program: drawn by WeChat once a day at most. */
const SHARE_CODE_TTL_SECONDS = 86_400;

/**
 * The shop's mini-program code opening a product (getwxacodeunlimit). Anyone may ask for it, so
 * each code is kept in the cache (shared by the processes): a crowd of shoppers costs WeChat's
 * quota one call per product and day, not one per request.
 */
export async function shareCode(ctx: Ctx, productId: number): Promise<Buffer> {
  await assertListing(ctx, productId);
  const code = await sceneCode(ctx, PRODUCT_PAGE, productScene(productId));
  if (!code) throw miniprogramErrors.notAuthorized();
  return code;
}

/** The shop's mini-program code of a page and a scene (at most 32 characters), cached a day; null when the shop has no live mini-program. */
export async function sceneCode(ctx: Ctx, page: string, scene: string): Promise<Buffer | null> {
  const authorizer = await repo.authorizerOf(ctx);
  if (!authorizer || authorizer.revokedAt) return null;
  const key = `miniprogram:code:${requireTenantId(ctx)}:${authorizer.appid}:${page}:${scene}`;
  const kept = await cache().get(key);
  if (kept) return Buffer.from(kept, 'base64');
  const image = await withAuthorizerToken(ctx, authorizer, (token) => openApi().unlimitedCode(token, { page, scene }));
  await cache().set(key, image.toString('base64'), SHARE_CODE_TTL_SECONDS);
  return image;
}

/** For core/wechat's component sign-in (`/sns/component/jscode2session`). */
export async function componentCredentials(): Promise<{ componentAppid: string; componentAccessToken: string }> {
  const componentAccessToken = await withComponentToken(systemContext('miniprogram.sign-in'), async (token) => token);
  return { componentAppid: platformKeys().appid, componentAccessToken };
}

/** The sandbox's confirm page: whether the sandbox is on (it answers 404 when live). */
export const sandboxOn = () => !config().wechatOpen.live;
