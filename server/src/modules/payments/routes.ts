import type { Request } from 'express';
import { z } from 'zod';
import { inTenant, systemContext } from '../../core/context.js';
import { AppError, notFound } from '../../core/errors.js';
import { routeGroup } from '../../core/http.js';
import { pageQuery, pageSchema } from '../../core/db/index.js';
import { listSteps, retryStep, stepViewSchema } from '../../core/steps.js';
import { config } from '../../core/config.js';
import { scheduleJob, type JobHandler } from '../../core/jobs.js';
import { clock } from '../../core/clock.js';
import { logger } from '../../core/logger.js';
import { tenantRef } from '../tenants/index.js';
import { getAlipayAccount, removeAlipayAccount, saveAlipayAccount } from './alipay-account.js';
import { payerDetails } from './pay-request.js';
import { shopperBalance, recharge } from './recharge.js';
import { sandboxNotification } from './providers/sandbox.js';
import { alipayAccountBody, payScene, rechargeBody, adminPaymentAccountsWechatReply, alipayAccountViewSchema, paymentViewSchema, paymentsSandboxConfirmReply, shopBalanceReply, notificationAck, wechatAccountViewSchema } from './schemas.js';
import { findPayment, findPaymentAnywhere } from './repository.js';
import { handleNotification, offeredMethods } from './service.js';
import { getWechatAccount, saveWechatAccount } from './wechat-account.js';

const route = routeGroup();
export const paymentsRoutes = route.list;

const rawBodyOf = (req: Request) => (req as Request & { rawBody?: string }).rawBody ?? '';

route({
  method: 'post', path: '/payments/notify/:method/:tenantId', tags: ['payments'], summary: 'Gateway notifications (signed; verified, idempotent)', tenant: false, auth: 'public',
  params: z.object({ method: z.enum(['sandbox', 'wechat', 'alipay']), tenantId: z.coerce.number().int().positive() }),
  raw: true, rawBody: true, produces: ['application/json', 'text/plain'], response: notificationAck,
  handler: async (_ctx, { params }, { req, res }) => {
    const ack = await handleNotification(params.method, params.tenantId, req.headers, rawBodyOf(req));
    // Alipay wants the plain text `success`; the others JSON
    if (typeof ack.body === 'string') res.status(ack.status).type('text/plain').send(ack.body);
    else res.status(ack.status).json(ack.body);
  },
});

/** Delivers the sandbox's signed notification to the notification handler, as a gateway would. */
async function deliver(tenantId: number, body: string, headers: Record<string, string>): Promise<void> {
  await handleNotification('sandbox', tenantId, headers, body);
}

/** The payments.sandbox-redeliver job (listed in the module declaration). */
export const sandboxRedeliverJob: JobHandler = async (_ctx, payload) => {
  await deliver(Number(payload.tenantId), String(payload.body), payload.headers as Record<string, string>);
};

route({
  method: 'post', path: '/payments/sandbox/:paymentId/confirm', tags: ['payments'], summary: 'Sandbox gateway: approve a payment and deliver its signed notification', tenant: false, auth: 'public',
  response: paymentsSandboxConfirmReply,
  handler: async (_ctx, { params }) => {
    if (!config().sandboxPayments) throw new AppError(404, 'not_found', 'Sandbox payments are off');
    const payment = await findPaymentAnywhere(params.paymentId);
    if (!payment || payment.method !== 'sandbox') throw notFound('Payment');
    if (payment.status === 'succeeded') return { paymentId: payment.id, status: 'succeeded' };
    const notice = sandboxNotification(payment.outTradeNo, payment.amount);
    try {
      await deliver(payment.tenantId, notice.body, notice.headers);
    } catch (err) {
      if (err instanceof AppError && err.status < 500) throw err;
      // like a real gateway: the notification is sent again later until it is accepted
      logger().warn({ err, paymentId: payment.id }, 'sandbox notification failed; redelivering later');
      const base = systemContext('sandbox-gateway', payment.tenantId);
      await inTenant(base, await tenantRef(base, payment.tenantId), (ctx) =>
        scheduleJob(ctx, 'payments.sandbox-redeliver', new Date(clock.nowMs() + 5_000), { tenantId: payment.tenantId, body: notice.body, headers: notice.headers }),
      );
      throw new AppError(502, 'delivery_failed', 'The notification was not accepted yet; it will be delivered again');
    }
    return { paymentId: payment.id, status: 'succeeded' };
  },
});

route({
  method: 'get', path: '/shop/balance', tags: ['payments'], summary: 'My stored-value balance', tenant: true, auth: 'shopper',
  response: shopBalanceReply,
  handler: async (ctx) => ({ balance: await shopperBalance(ctx, ctx.actor.id) }),
});

route({
  method: 'post', path: '/shop/balance/recharge', tags: ['payments'], summary: 'Top up the balance through a gateway, in the scene the shopper pays in (as paying an order)', tenant: true, auth: 'shopper', status: 201,
  body: rechargeBody,
  response: paymentViewSchema,
  handler: async (ctx, { body }, { req }) => recharge(ctx, ctx.actor.id, body.amount, body.method, await payerDetails(ctx, req, body)),
});

const offered = z.object({
  methods: z.array(z.object({ method: z.enum(['sandbox', 'balance', 'wechat', 'alipay']), scenes: z.array(payScene) })),
  balance: z.number().int().describe('the shopper\'s balance in fen'),
  sandbox: z.boolean().describe('whether the sandbox gateway is on'),
});

route({
  method: 'get', path: '/shop/payment-methods', tags: ['payments'], summary: 'How this shop can be paid: the gateways it has set up (with their scenes), the balance, the sandbox when on', tenant: true, auth: 'shopper',
  response: offered,
  handler: async (ctx): Promise<z.infer<typeof offered>> => {
    const methods = await offeredMethods(ctx);
    return { methods, balance: await shopperBalance(ctx, ctx.actor.id), sandbox: methods.some((m) => m.method === 'sandbox') };
  },
});

const paymentState = z.object({
  paymentId: z.number(),
  status: z.enum(['pending', 'succeeded', 'closed']),
  method: z.string(),
  amount: z.number().int(),
  purpose: z.enum(['order', 'recharge']),
  orderId: z.number().nullable(),
});

route({
  method: 'get', path: '/shop/payments/:id', tags: ['payments'], summary: 'Where one of my payments stands (a QR code or a gateway page is waiting for it)', tenant: true, auth: 'shopper',
  resources: { id: 'payment' }, response: paymentState,
  handler: async (ctx, { params }): Promise<z.infer<typeof paymentState>> => {
    const p = await findPayment(ctx, params.id);
    if (!p || p.customerId !== ctx.actor.id) throw notFound('Payment');
    return { paymentId: p.id, status: p.status, method: p.method, amount: p.amount, purpose: p.purpose, orderId: p.orderId };
  },
});

route({
  method: 'get', path: '/shop/payments/:id/return', tags: ['payments'], summary: 'Where a gateway\'s page sends the shopper back: redirects to the order (or the balance) in the storefront', tenant: true, auth: 'public',
  resources: { id: 'payment' }, raw: true, produces: ['redirect'],
  handler: async (ctx, { params }, { res }) => {
    const p = await findPayment(ctx, params.id);
    if (!p) throw notFound('Payment');
    res.redirect(302, p.orderId ? `/#/orders/${p.orderId}?payment=${p.id}` : `/#/me?payment=${p.id}`);
  },
});

const pemish = z.string().min(100).max(10_000);
route({
  method: 'get', path: '/admin/payment-accounts/wechat', tags: ['payments'], summary: 'The shop\'s WeChat Pay set-up (no secrets)', tenant: true, auth: 'merchant',
  permission: ['configure', 'Payments'],
  response: adminPaymentAccountsWechatReply,
  handler: async (ctx) => (await getWechatAccount(ctx)) ?? { mode: null },
});

route({
  method: 'put', path: '/admin/payment-accounts/wechat', tags: ['payments'], summary: 'Set WeChat Pay: the shop\'s own merchant (direct) or the platform\'s as service provider (partner)', tenant: true, auth: 'merchant',
  permission: ['configure', 'Payments'],
  body: z
    .object({
      mode: z.enum(['direct', 'partner']),
      mchid: z.string().regex(/^\d{6,32}$/, 'the merchant number').optional(),
      subMchid: z.string().regex(/^\d{6,32}$/, 'the sub-merchant number').optional(),
      appid: z.string().regex(/^wx[0-9a-f]{16}$/, 'a mini-program appid').optional(),
      serialNo: z.string().regex(/^[0-9A-Fa-f]{8,64}$/, 'the API certificate serial number').optional(),
      privateKeyPem: pemish.optional(),
      apiV3Key: z.string().length(32, 'the 32-character APIv3 key').optional(),
      platformCertificates: z.array(z.object({ serialNo: z.string().min(8).max(80), publicKeyPem: pemish }).strict()).max(5).optional(),
      baseUrl: z.string().url().optional(),
    })
    .strict()
    .superRefine((b, issue) => {
      if (b.mode === 'partner' && !b.subMchid) issue.addIssue({ code: 'custom', path: ['subMchid'], message: 'required in partner mode' });
      if (b.mode === 'direct' && !b.mchid) issue.addIssue({ code: 'custom', path: ['mchid'], message: 'required in direct mode' });
    }),
  response: wechatAccountViewSchema,
  handler: (ctx, { body }) => saveWechatAccount(ctx, body),
  audit: { action: 'payments.wechat.configure', details: ({ body }) => ({ mode: body.mode, mchid: body.mchid, subMchid: body.subMchid }) },
});

route({
  method: 'get', path: '/admin/payment-accounts/alipay', tags: ['payments'], summary: 'The shop\'s Alipay app: its own, the platform\'s default, or none (no keys)', tenant: true, auth: 'merchant',
  permission: ['configure', 'Payments'],
  response: alipayAccountViewSchema,
  handler: (ctx) => getAlipayAccount(ctx),
});

route({
  method: 'put', path: '/admin/payment-accounts/alipay', tags: ['payments'], summary: 'Set the shop\'s own Alipay app (wap and page pay, refunds)', tenant: true, auth: 'merchant',
  permission: ['configure', 'Payments'],
  body: alipayAccountBody,
  response: alipayAccountViewSchema,
  handler: (ctx, { body }) => saveAlipayAccount(ctx, body),
  audit: { action: 'payments.alipay.configure', details: ({ body }) => ({ appId: body.appId, sellerId: body.sellerId, keysReplaced: !!(body.privateKey || body.alipayPublicKey) }) },
});

route({
  method: 'delete', path: '/admin/payment-accounts/alipay', tags: ['payments'], summary: 'Remove the shop\'s own Alipay app (the platform\'s default, if any, takes over)', tenant: true, auth: 'merchant',
  permission: ['configure', 'Payments'],
  response: alipayAccountViewSchema,
  handler: (ctx) => removeAlipayAccount(ctx),
  audit: { action: 'payments.alipay.remove' },
});

// ---- steps across a gateway that need an operator (core/steps; refunds today, payouts later) ----

const stepStatus = stepViewSchema.shape.status;

route({
  method: 'get', path: '/platform/steps', tags: ['payments'], summary: 'Refunds and payouts stuck at their gateway (or in another status), oldest first', tenant: false, auth: 'platform',
  permission: ['read', 'Finance'], query: pageQuery.extend({ status: stepStatus.optional() }),
  response: pageSchema(stepViewSchema),
  handler: (_ctx, { query }) => listSteps(query),
});

route({
  method: 'post', path: '/platform/steps/:id/retry', tags: ['payments'], summary: 'Send a stuck step again, with the same idempotency key', tenant: false, auth: 'platform',
  permission: ['review', 'Finance'],
  response: stepViewSchema,
  handler: (ctx, { params }) => retryStep(ctx, params.id),
  audit: { action: 'step.retry', target: ({ params }) => ({ type: 'step', id: params.id }) },
});
