/** What the flash-sale screens read: inferred from the server's reply schemas (type-only imports). */
import type { Reply } from '../../../../../../shared/types';
import type { adminSaleSummary, adminSaleView } from '../../../../../../../server/src/modules/flashsale/schemas.js';
import type { listingViewSchema } from '../../../../../../../server/src/modules/market/schemas.js';

export type FlashSaleSummary = Reply<typeof adminSaleSummary>;
export type FlashSaleDetail = Reply<typeof adminSaleView>;
export type FlashStatus = FlashSaleSummary['status'];
export type Listing = Reply<typeof listingViewSchema>;

/** A row of the form: the chosen SKU with what the merchant types (prices in yuan). */
export interface ItemDraft {
  skuId: number;
  title: string;
  specs: Record<string, string>;
  image: string | null;
  originalPrice: number;
  liveStock: number;
  priceYuan: number;
  stock: number;
  perShopperLimit: number;
}

export const statusTag: Record<FlashStatus, 'info' | 'success' | 'warning'> = { not_started: 'warning', running: 'success', ended: 'info' };
