/**
 * What every payment gateway adapter offers the payments module. Amounts are integer fen.
 * Adapters speak their gateway's documented protocol (signatures included); the payments module
 * never sees a gateway's wire format.
 */
/**
 * Where the shopper pays, which decides what the gateway hands back:
 * - `jsapi`: inside WeChat (mini-program), the wx.requestPayment parameters;
 * - `h5` (WeChat) and `wap` (Alipay): a phone browser, a page of the gateway to send the shopper to;
 * - `native` (WeChat): a desktop browser, a code_url the shopper scans with WeChat;
 * - `page` (Alipay): a desktop browser, Alipay's cashier page to send the shopper to.
 */
export type PayScene = 'jsapi' | 'h5' | 'native' | 'wap' | 'page';

/** The scenes each browser-capable gateway pays in, its default first. */
export const GATEWAY_SCENES = { wechat: ['jsapi', 'h5', 'native'], alipay: ['wap', 'page'] } as const satisfies Record<string, readonly PayScene[]>;

export interface PayRequest {
  /** Our id for the payment, unique per gateway account (out_trade_no). */
  outTradeNo: string;
  amount: number;
  description: string;
  /** Where the gateway posts its notification. */
  notifyUrl: string;
  expiresAt: Date;
  /** Absent: the gateway's first scene. */
  scene?: PayScene;
  /** Mini-program payer (WeChat JSAPI). */
  appid?: string;
  openid?: string;
  /** The shopper's IP, which WeChat H5 wants to see again at payment. */
  clientIp?: string;
  /** Our page the gateway sends the shopper back to after a redirect (h5, wap, page). */
  returnUrl?: string;
}

export interface PayStart {
  /** What the client needs to pay (e.g. the wx.requestPayment parameters). */
  params?: Record<string, string>;
  /** The gateway's page to send the shopper's browser to (WeChat h5_url, Alipay's cashier). */
  redirectUrl?: string;
  /** What the QR code the shopper scans says (WeChat Native code_url). */
  codeUrl?: string;
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

/** What the gateway expects back once a notification is accepted: JSON, or plain text when body is a string. */
export interface NotificationAck {
  status: number;
  body: unknown;
}

export interface PaymentProvider {
  readonly name: 'sandbox' | 'wechat' | 'alipay';
  createPayment(request: PayRequest): Promise<PayStart>;
  /** Verifies and decodes a notification; throws InvalidNotification when it is not genuine. */
  verifyNotification(headers: NotificationHeaders, rawBody: string): Promise<VerifiedNotification | VerifiedRefundNotification>;
  refund(request: RefundRequest): Promise<RefundResult>;
  /** Where a refund the gateway answered "processing" stands now. */
  refundStatus(outRefundNo: string): Promise<RefundResult>;
  /** What the gateway expects back once a notification is accepted. */
  ack(): NotificationAck;
}

export class InvalidNotification extends Error {
  constructor(reason: string) {
    super(`invalid payment notification: ${reason}`);
    this.name = 'InvalidNotification';
  }
}
