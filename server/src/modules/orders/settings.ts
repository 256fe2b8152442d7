/**
 * The orders module's part of a tenant's settings: the clocks of an order's life. The after-sales
 * window lives here, not in aftersales, because it is the order's clock too: an order completes
 * (and its ledger settles) when the window closes, and aftersales, which depends on orders, reads
 * it from here.
 */
import { z } from 'zod';

const label = (zh: string, en: string) => ({ label: { zh, en } });

export const ordersSettings = z
  .object({
    autoCancelMinutes: z.number().int().min(5).max(1440).default(30).meta(label('未付款自动取消 (分钟)', 'Cancel unpaid orders after (minutes)')),
    autoReceiveDays: z.number().int().min(1).max(60).default(10).meta(label('发货后自动收货 (天)', 'Mark as received after shipping (days)')),
    afterSalesDays: z.number().int().min(0).max(60).default(7).meta(label('售后期 (天)', 'After-sales window after receipt (days)')),
  })
  .meta(label('订单', 'Orders'));

export type OrdersSettings = z.output<typeof ordersSettings>;
