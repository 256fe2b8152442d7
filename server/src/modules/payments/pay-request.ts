/**
 * What a gateway needs to know about the shopper's own request to pay: their mini-program openid
 * (WeChat JSAPI), their IP (WeChat H5 checks it), and the shop's address their browser is on, to
 * come back to from the gateway's page.
 */
import type { Request } from 'express';
import type { Actor, Ctx } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { tenantUrl } from '../../core/tenancy.js';
import { wechatPayer } from '../customers/index.js';
import type { PaymentMethod } from './model.js';
import type { PayScene } from './providers/types.js';
import type { StartPayment } from './service.js';

type ShopperCtx = Ctx & { actor: Extract<Actor, { kind: 'shopper' }> };

export type PayerDetails = Pick<StartPayment, 'scene' | 'appid' | 'openid' | 'clientIp' | 'shopOrigin'>;

/**
 * The Host was resolved to this shop, so coming back to it is safe; a mini-program request
 * (X-App-Id) says nothing of a web address, so it comes back to the shop's own subdomain.
 */
function shopOrigin(ctx: Ctx, req: Request): string {
  const host = req.get('host');
  if (req.get('x-app-id') || !host) return tenantUrl(ctx.tenant!.slug, '');
  return `${req.protocol}://${host}`;
}

export async function payerDetails(ctx: ShopperCtx, req: Request, choice: { method: PaymentMethod; scene?: PayScene }): Promise<PayerDetails> {
  const details: PayerDetails = { ...(choice.scene ? { scene: choice.scene } : {}), ...(ctx.ip ? { clientIp: ctx.ip } : {}), shopOrigin: shopOrigin(ctx, req) };
  if (choice.method !== 'wechat' || (choice.scene ?? 'jsapi') !== 'jsapi') return details;
  const payer = await wechatPayer(ctx, ctx.actor.id, req.get('x-app-id') || undefined);
  if (!payer) throw new AppError(409, 'wechat_openid_required', 'Sign in with WeChat in the mini-program to pay with WeChat Pay');
  return { ...details, ...payer };
}
