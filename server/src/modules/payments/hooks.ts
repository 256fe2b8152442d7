/** The payments module's extension points: what a payment is for, and the gateways it goes through. */
import type { Ctx } from '../../core/context.js';
import { defineHook } from '../../core/hooks.js';
import type { PaymentMethod } from './model.js';
import type { PaymentRow as Payment, RefundRow as Refund } from './repository.js';
import type { PayScene, PaymentProvider } from './providers/types.js';

export type GatewayMethod = Exclude<PaymentMethod, 'balance' | 'till'>;

/** Builds the tenant's gateway, or throws 409 method_unavailable when the shop has not set it up. */
export type GatewayFactory = (ctx: Ctx, tenantId: number) => Promise<PaymentProvider>;

/** A gateway and the scenes it pays in, the first being the default. */
export interface Gateway {
  factory: GatewayFactory;
  scenes: readonly PayScene[];
}

/**
 * A gateway for a tenant (WeChat Pay: its own merchant account, or the platform's as service
 * provider), named by its method; a shop is offered them in the contributions' order.
 */
export const paymentGateways = defineHook<Gateway>('payments.gateways', 'named');

export interface PurposeHandler {
  /** Runs in the transaction that records the payment's success. 'refund' gives the money back. */
  onSucceeded(ctx: Ctx, payment: Payment): Promise<'kept' | 'refund'>;
  /**
   * Runs in the transaction that asks for a refund, before any gateway hears of it: holds what the
   * refund takes (lines, the ledger's shares into clearing), or throws to refuse it.
   */
  onRefundRequested(ctx: Ctx, refund: Refund, payment: Payment): Promise<void>;
  /** Runs in the transaction that records a refund's success. */
  onRefunded(ctx: Ctx, refund: Refund, payment: Payment): Promise<void>;
  /** Runs in the transaction that records a refund's failure: lets go of what onRefundRequested held. */
  onRefundFailed(ctx: Ctx, refund: Refund, payment: Payment): Promise<void>;
}

/** What a payment is for (an order, a balance top-up), named by the payment's purpose. */
export const paymentPurposes = defineHook<PurposeHandler>('payments.purposes', 'named');

/** The order a shop is offered its gateways in (sandbox first, as before the hooks). */
export const GATEWAY_ORDER = { sandbox: 10, wechat: 20, alipay: 30 } as const;
