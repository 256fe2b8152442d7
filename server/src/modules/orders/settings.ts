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
    // one pickup point, as the settings page edits fields one by one; the shop offers self-pickup once it has an address
    pickupName: z.string().trim().max(64).default('').meta(label('自提点名称', 'Pickup point name')),
    pickupAddress: z.string().trim().max(255).default('').meta(label('自提点地址 (留空则不提供到店自提)', 'Pickup point address (empty: no self-pickup)')),
    pickupHours: z.string().trim().max(64).default('').meta(label('自提营业时间', 'Pickup opening hours')),
    pickupPhone: z.string().trim().max(32).default('').meta(label('自提点电话', 'Pickup point phone')),
  })
  .meta(label('订单', 'Orders'));

export type OrdersSettings = z.output<typeof ordersSettings>;
