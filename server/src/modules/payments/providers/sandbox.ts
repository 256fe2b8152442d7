/**
 * The built-in gateway of the embedded mode. It behaves like a real one where it matters: it
 * signs its notifications (HMAC-SHA256 with a key derived from APP_SECRET) and our notification
 * handler verifies them exactly as it verifies a real gateway's; refunds succeed at once.
 */
import { createHmac, hkdfSync, randomUUID, timingSafeEqual } from 'node:crypto';
import { config } from '../../../core/config.js';
import { InvalidNotification, type NotificationHeaders, type PaymentProvider, type PayRequest, type PayStart, type RefundRequest, type RefundResult, type VerifiedNotification } from './types.js';

export const SANDBOX_SIGNATURE_HEADER = 'x-sandbox-signature';

function key(): Buffer {
  return Buffer.from(hkdfSync('sha256', config().appSecret, 's2b2c', 'sandbox-gateway-v1', 32));
}

export function signSandbox(body: string): string {
  return createHmac('sha256', key()).update(body).digest('base64url');
}

export interface SandboxNotice {
  outTradeNo: string;
  tradeNo: string;
  amount: number;
  status: 'SUCCESS' | 'CLOSED';
  timestamp: string;
}

/** What the sandbox posts to our notification endpoint, signed. */
export function sandboxNotification(outTradeNo: string, amount: number): { body: string; headers: Record<string, string> } {
  const notice: SandboxNotice = { outTradeNo, tradeNo: `SBX${randomUUID().replace(/-/g, '').slice(0, 24)}`, amount, status: 'SUCCESS', timestamp: new Date().toISOString() };
  const body = JSON.stringify(notice);
  return { body, headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signSandbox(body) } };
}

export class SandboxGateway implements PaymentProvider {
  readonly name = 'sandbox' as const;

  async createPayment(request: PayRequest): Promise<PayStart> {
    return { params: { gateway: 'sandbox', outTradeNo: request.outTradeNo, amount: String(request.amount) } };
  }

  async verifyNotification(headers: NotificationHeaders, rawBody: string): Promise<VerifiedNotification> {
    const given = String(headers[SANDBOX_SIGNATURE_HEADER] ?? '');
    const expected = signSandbox(rawBody);
    if (!given || given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) throw new InvalidNotification('bad signature');
    let notice: SandboxNotice;
    try {
      notice = JSON.parse(rawBody) as SandboxNotice;
    } catch {
      throw new InvalidNotification('not JSON');
    }
    if (typeof notice.outTradeNo !== 'string' || !Number.isInteger(notice.amount)) throw new InvalidNotification('missing fields');
    return { kind: 'payment', outTradeNo: notice.outTradeNo, providerTradeNo: notice.tradeNo, amount: notice.amount, succeeded: notice.status === 'SUCCESS', raw: notice };
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    return { status: 'succeeded', providerRefundId: `SBXR${request.outRefundNo}` };
  }

  /** The sandbox settles every refund at once. */
  async refundStatus(outRefundNo: string): Promise<RefundResult> {
    return { status: 'succeeded', providerRefundId: `SBXR${outRefundNo}` };
  }

  ack() {
    return { status: 200, body: { code: 'SUCCESS' } };
  }
}
