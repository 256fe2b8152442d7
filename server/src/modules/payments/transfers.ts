/**
 * Money out to a shopper's WeChat change (商家转账): the shop's own WeChat Pay merchant account when
 * it has one (direct mode), else the sandbox while sandbox payments are on, else none (409
 * wechat_transfer_unavailable). The caller keeps the ledger and the retries (a step: the same
 * out_bill_no is sent again until WeChat answers, and WeChat pays one bill once).
 */
import { config } from '../../core/config.js';
import type { Ctx } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { sandboxTransfer } from './providers/sandbox-transfer.js';
import { WechatTransfer, type TransferProvider } from './providers/wechat-transfer.js';
import { wechatPayConfig } from './wechat-account.js';

export const transferUnavailable = () => new AppError(409, 'wechat_transfer_unavailable', 'This shop cannot pay out to WeChat: it has no WeChat Pay merchant account');

export async function transferGateway(ctx: Ctx, tenantId: number): Promise<TransferProvider> {
  try {
    const c = await wechatPayConfig(ctx, tenantId);
    if (c.mode === 'direct') return new WechatTransfer(c);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'method_unavailable') throw err;
  }
  if (config().sandboxPayments) return sandboxTransfer('wxsandbox');
  throw transferUnavailable();
}

/** Can this shop pay out to WeChat at all (the storefront offers the choice only then)? */
export async function canTransfer(ctx: Ctx, tenantId: number): Promise<boolean> {
  try {
    await transferGateway(ctx, tenantId);
    return true;
  } catch (err) {
    if (err instanceof AppError && err.code === 'wechat_transfer_unavailable') return false;
    throw err;
  }
}
