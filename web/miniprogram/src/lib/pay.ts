/**
 * Paying an order from the mini-program: `POST /shop/orders/:id/pay`, then, for WeChat Pay, the
 * JSAPI parameters the server signed handed to `wx.requestPayment` exactly as they came. A shopper
 * who closes WeChat's payment sheet leaves the order `pending_payment`: the caller offers to pay
 * again. The balance settles at once (409 `insufficient_balance` when short); the sandbox gateway,
 * on only in development, is confirmed as its page would.
 */
import { api, request } from './api.js';

export type PayMethod = 'wechat' | 'balance' | 'sandbox';
export type PayOutcome = 'paid' | 'cancelled' | 'failed';

interface PayReply {
  paymentId: number;
  status: 'pending' | 'succeeded' | 'closed';
  params?: Record<string, string>;
}

interface Offered {
  methods: Array<{ method: string; scenes: string[] }>;
  balance: number;
  sandbox: boolean;
}

/** The ways this shop can be paid inside the mini-program, WeChat Pay first, and the shopper's balance. */
export async function payChoices(): Promise<{ methods: PayMethod[]; balance: number }> {
  const offered = await api.get<Offered>('/shop/payment-methods');
  const has = (m: string, scene?: string) => offered.methods.some((x) => x.method === m && (!scene || x.scenes.length === 0 || x.scenes.includes(scene)));
  const methods: PayMethod[] = [];
  if (has('wechat', 'jsapi')) methods.push('wechat');
  if (has('balance')) methods.push('balance');
  if (offered.sandbox) methods.push('sandbox');
  return { methods, balance: offered.balance };
}

function requestPayment(params: Record<string, string>): Promise<PayOutcome> {
  return new Promise((resolve) => {
    wx.requestPayment({
      ...(params as unknown as WechatMiniprogram.RequestPaymentOption),
      success: () => resolve('paid'),
      fail: (err: { errMsg?: string }) => resolve(/cancel/.test(err.errMsg ?? '') ? 'cancelled' : 'failed'),
    });
  });
}

/**
 * One Idempotency-Key per order and method until the server refuses: a double tap, or paying again
 * after closing WeChat's sheet, gets the first answer (the same prepay) instead of a second payment;
 * after a refusal (a short balance topped up since) the next try is a new request.
 */
const keys = new Map<string, string>();
const keyFor = (slot: string) => {
  let key = keys.get(slot);
  if (!key) keys.set(slot, (key = `pay-${slot.replace(':', '-')}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`));
  return key;
};

/** Pays the order; throws the API's error (ApiError) when the server refuses. */
export async function payOrder(orderId: number, method: PayMethod): Promise<PayOutcome> {
  const slot = `${orderId}:${method}`;
  let reply: PayReply;
  try {
    reply = await request<PayReply>('POST', `/shop/orders/${orderId}/pay`, { method }, { headers: { 'Idempotency-Key': keyFor(slot) } });
  } catch (err) {
    keys.delete(slot);
    throw err;
  }
  if (reply.status === 'succeeded') return 'paid';
  if (method === 'wechat') return reply.params ? requestPayment(reply.params) : 'failed';
  if (method === 'sandbox') {
    await api.post(`/payments/sandbox/${reply.paymentId}/confirm`);
    return 'paid';
  }
  return 'failed';
}
