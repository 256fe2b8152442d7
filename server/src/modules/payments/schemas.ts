/** What a shopper sends to pay: a method, and for a gateway the scene it pays in. */
import { z } from 'zod';
import { GATEWAY_SCENES, type PayScene } from './providers/types.js';

export const payScene = z.enum(['jsapi', 'h5', 'native', 'wap', 'page']);

/** A scene belongs to one gateway: `h5` with Alipay, or any scene with the balance, names the field. */
function sceneFitsMethod(body: { method: string; scene?: PayScene }, issue: z.RefinementCtx): void {
  if (!body.scene) return;
  const scenes: readonly PayScene[] = GATEWAY_SCENES[body.method as keyof typeof GATEWAY_SCENES] ?? [];
  if (!scenes.includes(body.scene)) {
    issue.addIssue({ code: 'custom', path: ['scene'], message: scenes.length ? `${body.method} pays in ${scenes.join(', ')}` : `${body.method} takes no scene` });
  }
}

export const payChoice = z
  .object({
    method: z.enum(['sandbox', 'balance', 'wechat', 'alipay']),
    scene: payScene.optional().describe('wechat: jsapi (default; mini-program), h5 (phone browser), native (desktop QR); alipay: wap (default; phone browser), page (desktop)'),
  })
  .strict()
  .superRefine(sceneFitsMethod);

export const rechargeBody = z
  .object({
    amount: z.number().int().min(100, 'at least 100 fen').max(5_000_000),
    method: z.enum(['sandbox', 'wechat', 'alipay']),
    scene: payScene.optional(),
  })
  .strict()
  .superRefine(sceneFitsMethod);

const pemOrBase64 = z.string().trim().min(100, 'the whole key').max(10_000);

export const alipayAccountBody = z
  .object({
    appId: z.string().regex(/^\d{16}$/, 'the 16-digit Alipay app id'),
    privateKey: pemOrBase64.optional().describe('the app\'s RSA2 private key, PEM or base64; kept if omitted'),
    alipayPublicKey: pemOrBase64.optional().describe('Alipay\'s public key for the app (not the app\'s own); kept if omitted'),
    sellerId: z.string().regex(/^2088\d{12}$/, 'the partner id, 2088 and 12 digits').optional(),
    gateway: z.string().url().optional(),
  })
  .strict();

// ---- replies: what each route answers (checked against every reply in tests) ----

export const paymentViewSchema = z.object({
  paymentId: z.number(),
  status: z.enum(["pending", "succeeded", "closed"]),
  method: z.enum(["wechat", "sandbox", "alipay", "balance"]),
  scene: z.enum(["page", "jsapi", "h5", "native", "wap"]).optional(),
  amount: z.number(),
  /** WeChat JSAPI: the wx.requestPayment parameters. */ params: z.record(z.string(), z.string()).optional(),
  /** WeChat H5, Alipay wap and page: the gateway's page to send the browser to. */ redirectUrl: z.string().optional(),
  /** WeChat Native: what the QR code says, and the code as a PNG data URL. */ codeUrl: z.string().optional(),
  qrCode: z.string().optional(),
});

export const wechatAccountViewSchema = z.object({
  mode: z.enum(["direct", "partner"]),
  mchid: z.string(),
  subMchid: z.string().nullable(),
  appid: z.string().nullable(),
  serialNo: z.string().nullable(),
  hasKeys: z.boolean(),
  platformCertificates: z.array(z.string()),
});

export const alipayAccountViewSchema = z.object({
  /** Whose app takes the payments: the shop's own, the platform's default, or none. */ source: z.enum(["platform", "shop"]).nullable(),
  appId: z.string().nullable(),
  sellerId: z.string().nullable(),
  hasKeys: z.boolean(),
});

export const paymentsSandboxConfirmReply = z.object({ paymentId: z.number(), status: z.string() });

export const shopBalanceReply = z.object({ balance: z.number() });

export const adminPaymentAccountsWechatReply = z.union([wechatAccountViewSchema, z.object({ mode: z.null() })]);

/** A gateway's acknowledgement of its notification: JSON (WeChat Pay, the sandbox) or Alipay's plain `success`. */
export const notificationAck = z.object({ code: z.string(), message: z.string().optional() });
