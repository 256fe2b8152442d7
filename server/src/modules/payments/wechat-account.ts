/**
 * Which WeChat Pay merchant takes a tenant's payments: the tenant's own (direct mode: its mchid,
 * API key and APIv3 key, stored encrypted), or the platform's as service provider (partner mode:
 * the platform's keys from WECHAT_PAY_* and the tenant's sub_mchid). Secrets never leave in answers.
 */
import type { Ctx } from '../../core/context.js';
import { AppError, ValidationError } from '../../core/errors.js';
import { checkOutboundUrl } from '../../core/outbound.js';
import { appCredentials } from '../tenants/index.js';
import { keyFromEnv, openSecrets, sealSecrets } from './payment-account.js';
import { paymentAccountOf, savePaymentAccount, type PaymentAccountRow } from './repository.js';
import { GATEWAY_SCENES } from './providers/types.js';
import { WECHAT_PAY_OUTBOUND, WechatPay, type WechatPayConfig } from './providers/wechat-pay.js';
import { contribute } from '../../core/hooks.js';
import { GATEWAY_ORDER, paymentGateways } from './hooks.js';

export interface WechatAccountInput {
  mode: 'direct' | 'partner';
  mchid?: string;
  subMchid?: string;
  appid?: string;
  serialNo?: string;
  privateKeyPem?: string;
  apiV3Key?: string;
  platformCertificates?: Array<{ serialNo: string; publicKeyPem: string }>;
  baseUrl?: string;
}

export interface WechatAccountView {
  mode: 'direct' | 'partner';
  mchid: string;
  subMchid: string | null;
  appid: string | null;
  serialNo: string | null;
  hasKeys: boolean;
  platformCertificates: string[];
}

const view = (a: PaymentAccountRow): WechatAccountView => ({
  mode: a.mode,
  mchid: a.mchid,
  subMchid: a.subMchid,
  appid: a.appid,
  serialNo: a.serialNo,
  hasKeys: !!a.secretsEncrypted,
  platformCertificates: (a.platformCerts ?? []).map((c) => c.serialNo),
});

const accountOf = (ctx: Ctx) => paymentAccountOf(ctx, 'wechat');

export async function getWechatAccount(ctx: Ctx): Promise<WechatAccountView | null> {
  const a = await accountOf(ctx);
  return a ? view(a) : null;
}

export async function saveWechatAccount(ctx: Ctx, input: WechatAccountInput): Promise<WechatAccountView> {
  // said at once rather than at the first payment; each call is checked again (DNS may change)
  const urlProblem = input.baseUrl === undefined ? null : await checkOutboundUrl(input.baseUrl, WECHAT_PAY_OUTBOUND);
  if (urlProblem) throw ValidationError.field('baseUrl', urlProblem);
  const existing = await accountOf(ctx);
  const secrets = input.privateKeyPem && input.apiV3Key ? sealSecrets({ privateKeyPem: input.privateKeyPem, apiV3Key: input.apiV3Key, baseUrl: input.baseUrl }) : (existing?.secretsEncrypted ?? null);
  return view(await savePaymentAccount(ctx, 'wechat', {
    mode: input.mode,
    mchid: input.mode === 'direct' ? (input.mchid ?? existing?.mchid ?? '') : (platformPartner()?.mchid ?? 'platform'),
    subMchid: input.mode === 'partner' ? (input.subMchid ?? null) : null,
    appid: input.appid ?? existing?.appid ?? null,
    serialNo: input.serialNo ?? existing?.serialNo ?? null,
    secretsEncrypted: input.mode === 'direct' ? secrets : null,
    platformCerts: input.platformCertificates ?? existing?.platformCerts ?? [],
  }));
}

interface PartnerSettings {
  mchid: string;
  spAppid: string;
  serialNo: string;
  privateKeyPem: string;
  apiV3Key: string;
  platformCertificates: Array<{ serialNo: string; publicKeyPem: string }>;
  baseUrl?: string;
}

/** The platform's own WeChat Pay service-provider account, from the environment. */
function platformPartner(env: NodeJS.ProcessEnv = process.env): PartnerSettings | null {
  if (!env.WECHAT_PAY_SP_MCHID) return null;
  return {
    mchid: env.WECHAT_PAY_SP_MCHID,
    spAppid: env.WECHAT_PAY_SP_APPID ?? '',
    serialNo: env.WECHAT_PAY_SERIAL_NO ?? '',
    privateKeyPem: keyFromEnv(env.WECHAT_PAY_PRIVATE_KEY),
    apiV3Key: env.WECHAT_PAY_API_V3_KEY ?? '',
    platformCertificates: JSON.parse(env.WECHAT_PAY_PLATFORM_CERTS ?? '[]') as PartnerSettings['platformCertificates'],
    baseUrl: env.WECHAT_PAY_BASE_URL || undefined,
  };
}

const unavailable = () => new AppError(409, 'method_unavailable', 'This shop has not set up WeChat Pay');

export async function wechatPayConfig(ctx: Ctx, tenantId: number): Promise<WechatPayConfig> {
  const account = await accountOf(ctx);
  const appid = account?.appid ?? (await appCredentials(ctx, tenantId))?.appid;
  if (!account || !appid) throw unavailable();
  if (account.mode === 'direct') {
    if (!account.secretsEncrypted || !account.serialNo) throw unavailable();
    const secrets = openSecrets<{ privateKeyPem: string; apiV3Key: string; baseUrl?: string }>(account.secretsEncrypted);
    return { mode: 'direct', mchid: account.mchid, appid, serialNo: account.serialNo, privateKeyPem: secrets.privateKeyPem, apiV3Key: secrets.apiV3Key, platformCertificates: account.platformCerts, ...(secrets.baseUrl ? { baseUrl: secrets.baseUrl } : {}) };
  }
  const partner = platformPartner();
  if (!partner || !account.subMchid) throw unavailable();
  return { mode: 'partner', mchid: partner.mchid, subMchid: account.subMchid, appid, spAppid: partner.spAppid, serialNo: partner.serialNo, privateKeyPem: partner.privateKeyPem, apiV3Key: partner.apiV3Key, platformCertificates: partner.platformCertificates, ...(partner.baseUrl ? { baseUrl: partner.baseUrl } : {}) };
}

export const wechatGateway = contribute(paymentGateways, 'wechat', { factory: async (ctx, tenantId) => new WechatPay(await wechatPayConfig(ctx, tenantId)), scenes: GATEWAY_SCENES.wechat }, GATEWAY_ORDER.wechat);
