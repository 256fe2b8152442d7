/**
 * What every payment gateway adapter offers the payments module. Amounts are integer fen.
 * Adapters speak their gateway's documented protocol (signatures included); the payments module
 * never sees a gateway's wire format.
 */
export interface PayRequest {
  /** Our id for the payment, unique per gateway account (out_trade_no). */
  outTradeNo: string;
  amount: number;
  description: string;
  /** Where the gateway posts its notification. */
  notifyUrl: string;
  expiresAt: Date;
  /** Mini-program payer (WeChat JSAPI). */
  appid?: string;
  openid?: string;
}

export interface PayStart {
  /** What the client needs to pay (e.g. the wx.requestPayment parameters). */
  params?: Record<string, string>;
  providerRef?: string;
}

/** A gateway's word that a payment went through (or not). */
export interface VerifiedNotification {
  kind: 'payment';
  outTradeNo: string;
  providerTradeNo: string;
  /** What the payer paid, in fen, as the gateway reports it. */
  amount: number;
  succeeded: boolean;
  raw: unknown;
}

/** A gateway's word on how a refund ended. */
export interface VerifiedRefundNotification {
  kind: 'refund';
  outRefundNo: string;
  providerRefundId: string;
  /** What was refunded, in fen, as the gateway reports it. */
  amount: number;
  status: 'succeeded' | 'failed';
  raw: unknown;
}

export interface RefundRequest {
  outTradeNo: string;
  outRefundNo: string;
  refund: number;
  /** The original payment's amount. */
  total: number;
  reason?: string;
  notifyUrl?: string;
}

export interface RefundResult {
  status: 'succeeded' | 'processing' | 'failed';
  providerRefundId?: string;
  error?: string;
}

export type NotificationHeaders = Record<string, string | string[] | undefined>;

export interface PaymentProvider {
  readonly name: 'sandbox' | 'wechat';
  createPayment(request: PayRequest): Promise<PayStart>;
  /** Verifies and decodes a notification; throws InvalidNotification when it is not genuine. */
  verifyNotification(headers: NotificationHeaders, rawBody: string): Promise<VerifiedNotification | VerifiedRefundNotification>;
  refund(request: RefundRequest): Promise<RefundResult>;
  /** Where a refund the gateway answered "processing" stands now. */
  refundStatus(outRefundNo: string): Promise<RefundResult>;
  /** What the gateway expects back once a notification is accepted. */
  ack(): { status: number; body: unknown };
}

export class InvalidNotification extends Error {
  constructor(reason: string) {
    super(`invalid payment notification: ${reason}`);
    this.name = 'InvalidNotification';
  }
}
