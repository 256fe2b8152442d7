/**
 * Which ways to pay the storefront offers, from what the shop can take (`GET /shop/payment-methods`)
 * and where the page runs:
 * - inside WeChat (mini-program web-view or WeChat's browser): WeChat Pay JSAPI, as before; WeChat
 *   refuses H5 payments inside itself and blocks Alipay's pages;
 * - a phone browser: WeChat Pay H5 and Alipay's mobile cashier (`wap`), both a redirect;
 * - a desktop: WeChat Pay Native (a QR code to scan) and Alipay's page cashier (`page`).
 * The balance is offered for orders (not to top itself up), the sandbox only while it is on.
 */
import { t } from '../../shared/i18n';
import { api, errorMessage, isApiError, yuan } from './api';

export type PayMethod = 'sandbox' | 'balance' | 'wechat' | 'alipay';
export type PayScene = 'jsapi' | 'h5' | 'native' | 'wap' | 'page';
export type PayPlace = 'wechat' | 'phone' | 'desktop';

export interface PaymentMethods {
  methods: Array<{ method: PayMethod; scenes: PayScene[] }>;
  balance: number;
  sandbox: boolean;
}

export interface PayOption {
  key: string;
  method: PayMethod;
  scene?: PayScene;
  title: string;
  label: string;
}

export function payPlace(): PayPlace {
  const ua = navigator.userAgent;
  if ((window as unknown as { __wxjs_environment?: string }).__wxjs_environment === 'miniprogram' || /MicroMessenger|miniProgram/i.test(ua)) return 'wechat';
  return /Android|iPhone|iPad|iPod|HarmonyOS|Mobile/i.test(ua) ? 'phone' : 'desktop';
}

const SCENE_FOR: Record<PayPlace, Partial<Record<PayMethod, PayScene>>> = {
  wechat: { wechat: 'jsapi' },
  phone: { wechat: 'h5', alipay: 'wap' },
  desktop: { wechat: 'native', alipay: 'page' },
};

const LABELS: Partial<Record<PayScene, string>> = { h5: 'pay.sceneH5', native: 'pay.sceneNative', wap: 'pay.sceneWap', page: 'pay.scenePage' };

/** The options to show, gateways first; `forOrder` false leaves out the balance (topping it up). */
export function payOptions(offered: PaymentMethods, place: PayPlace, forOrder: boolean): PayOption[] {
  const has = (m: PayMethod) => offered.methods.find((x) => x.method === m);
  const options: PayOption[] = [];
  for (const method of ['wechat', 'alipay'] as const) {
    const title = t(`payment.method.${method}`);
    const scene = SCENE_FOR[place][method];
    if (scene && has(method)?.scenes.includes(scene)) options.push({ key: `${method}-${scene}`, method, scene, title, label: LABELS[scene] ? t(LABELS[scene]) : '' });
  }
  if (forOrder && has('balance')) options.push({ key: 'balance', method: 'balance', title: t('payment.method.balance'), label: t('pay.available', { amount: yuan(offered.balance) }) });
  if (offered.sandbox && has('sandbox')) options.push({ key: 'sandbox', method: 'sandbox', title: t('pay.sandboxTitle'), label: t('pay.sandboxLabel') });
  return options;
}

export async function loadPaymentMethods(): Promise<PaymentMethods> {
  return api.get<PaymentMethods>('/shop/payment-methods');
}

/** What the server said, in the shopper's words where the storefront knows the case. */
export function payErrorText(err: unknown): string {
  if (isApiError(err, 'insufficient_balance')) return t('pay.insufficient');
  if (isApiError(err, 'method_unavailable')) return t('pay.unavailable');
  if (isApiError(err, 'wechat_openid_required')) return t('pay.openidRequired');
  if (isApiError(err) && err.status >= 500) return t('pay.busy');
  return errorMessage(err);
}

/**
 * Calls check every 2 s until it answers true or stop() is called; for a QR code being scanned
 * or a notification on its way.
 */
export function pollUntil(check: () => Promise<boolean>, done: () => void, opts: { everyMs?: number; giveUpAfterMs?: number; onGiveUp?: () => void } = {}): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = Date.now() + (opts.giveUpAfterMs ?? 15 * 60_000);
  const tick = async () => {
    if (stopped) return;
    const settled = await check().catch(() => false);
    if (stopped) return;
    if (settled) return done();
    if (Date.now() > deadline) return opts.onGiveUp?.();
    timer = setTimeout(tick, opts.everyMs ?? 2_000);
  };
  timer = setTimeout(tick, opts.everyMs ?? 2_000);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
