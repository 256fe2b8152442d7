/**
 * Which Alipay app takes a shop's payments: the shop's own (its app id, app private key and
 * Alipay's public key for that app, keys stored encrypted), else the platform's default app from
 * ALIPAY_* when the operator has set one. Keys never leave in answers.
 */
import type { Ctx } from '../../core/context.js';
import { AppError, ValidationError } from '../../core/errors.js';
import { keyFromEnv, openSecrets, sealSecrets } from './payment-account.js';
import { outTradeNoOfRefund, paymentAccountOf, removePaymentAccount, savePaymentAccount } from './repository.js';
import { checkOutboundUrl } from '../../core/outbound.js';
import { ALIPAY_OUTBOUND, Alipay, type AlipayConfig } from './providers/alipay.js';
import { privateKeyOf, publicKeyOf } from './providers/rsa.js';
import { GATEWAY_SCENES } from './providers/types.js';
import { contribute } from '../../core/hooks.js';
import { GATEWAY_ORDER, paymentGateways } from './hooks.js';

export interface AlipayAccountInput {
  appId: string;
  privateKey?: string;
  alipayPublicKey?: string;
  sellerId?: string;
  gateway?: string;
}

export interface AlipayAccountView {
  /** Whose app takes the payments: the shop's own, the platform's default, or none. */
  source: 'shop' | 'platform' | null;
  appId: string | null;
  sellerId: string | null;
  hasKeys: boolean;
}

interface AlipaySecrets {
  privateKey: string;
  alipayPublicKey: string;
  gateway?: string;
}

/** The platform's default Alipay app, from the environment. */
function platformApp(env: NodeJS.ProcessEnv = process.env): AlipayConfig | null {
  if (!env.ALIPAY_APP_ID || !env.ALIPAY_PRIVATE_KEY || !env.ALIPAY_PUBLIC_KEY) return null;
  return {
    appId: env.ALIPAY_APP_ID,
    privateKey: keyFromEnv(env.ALIPAY_PRIVATE_KEY),
    alipayPublicKey: keyFromEnv(env.ALIPAY_PUBLIC_KEY),
    ...(env.ALIPAY_SELLER_ID ? { sellerId: env.ALIPAY_SELLER_ID } : {}),
    ...(env.ALIPAY_GATEWAY ? { gateway: env.ALIPAY_GATEWAY } : {}),
  };
}

export async function getAlipayAccount(ctx: Ctx): Promise<AlipayAccountView> {
  const own = await paymentAccountOf(ctx, 'alipay');
  if (own) return { source: 'shop', appId: own.mchid, sellerId: own.subMchid, hasKeys: !!own.secretsEncrypted };
  const platform = platformApp();
  return platform ? { source: 'platform', appId: platform.appId, sellerId: platform.sellerId ?? null, hasKeys: true } : { source: null, appId: null, sellerId: null, hasKeys: false };
}

/** A key that does not parse is refused here, naming its field, rather than failing the first payment. */
function checkKey(field: 'privateKey' | 'alipayPublicKey', text: string): void {
  try {
    if (field === 'privateKey') privateKeyOf(text);
    else publicKeyOf(text);
  } catch {
    throw ValidationError.field(field, field === 'privateKey' ? 'not an RSA private key (PEM or base64)' : 'not an RSA public key (PEM or base64)', 'invalid_format');
  }
}

export async function saveAlipayAccount(ctx: Ctx, input: AlipayAccountInput): Promise<AlipayAccountView> {
  const existing = await paymentAccountOf(ctx, 'alipay');
  const kept = existing?.secretsEncrypted ? openSecrets<AlipaySecrets>(existing.secretsEncrypted) : null;
  const privateKey = input.privateKey ?? kept?.privateKey;
  const alipayPublicKey = input.alipayPublicKey ?? kept?.alipayPublicKey;
  if (!privateKey) throw ValidationError.field('privateKey', 'required when the shop sets up Alipay');
  if (!alipayPublicKey) throw ValidationError.field('alipayPublicKey', 'required when the shop sets up Alipay');
  if (input.privateKey) checkKey('privateKey', input.privateKey);
  if (input.alipayPublicKey) checkKey('alipayPublicKey', input.alipayPublicKey);
  // the shopper's browser is sent there too: in production only Alipay's own hosts
  const urlProblem = input.gateway === undefined ? null : await checkOutboundUrl(input.gateway, ALIPAY_OUTBOUND);
  if (urlProblem) throw ValidationError.field('gateway', urlProblem);
  const gateway = input.gateway ?? kept?.gateway;
  await savePaymentAccount(ctx, 'alipay', {
    mode: 'direct',
    mchid: input.appId,
    subMchid: input.sellerId ?? null,
    appid: null,
    serialNo: null,
    secretsEncrypted: sealSecrets({ privateKey, alipayPublicKey, ...(gateway ? { gateway } : {}) } satisfies AlipaySecrets),
    platformCerts: [],
  });
  return getAlipayAccount(ctx);
}

export async function removeAlipayAccount(ctx: Ctx): Promise<AlipayAccountView> {
  await removePaymentAccount(ctx, 'alipay');
  return getAlipayAccount(ctx);
}

export async function alipayConfig(ctx: Ctx): Promise<AlipayConfig> {
  const own = await paymentAccountOf(ctx, 'alipay');
  if (own?.secretsEncrypted) {
    const secrets = openSecrets<AlipaySecrets>(own.secretsEncrypted);
    return { appId: own.mchid, privateKey: secrets.privateKey, alipayPublicKey: secrets.alipayPublicKey, ...(own.subMchid ? { sellerId: own.subMchid } : {}), ...(secrets.gateway ? { gateway: secrets.gateway } : {}) };
  }
  const platform = platformApp();
  if (!platform) throw new AppError(409, 'method_unavailable', 'This shop has not set up Alipay');
  return platform;
}

export const alipayGateway = contribute(paymentGateways, 'alipay', { factory: async (ctx) => new Alipay(await alipayConfig(ctx), { tradeOfRefund: (outRefundNo) => outTradeNoOfRefund(ctx, outRefundNo) }), scenes: GATEWAY_SCENES.alipay }, GATEWAY_ORDER.alipay);
