/**
 * Shapes the API answers the same way to the console and to the storefront, inferred from the
 * server's response schemas (the same ones /api/docs shows and the test suite checks every reply
 * against), so a field the server adds, drops or retypes shows up here at type-check time.
 * Type-only imports: Vite erases them, nothing of the server reaches the bundles.
 * Each app re-exports these from its own types module (`admin/src/types.ts`, `shop/src/api.ts`).
 */
import type { z } from 'zod';
import type { aftersaleViewSchema, caseQuoteSchema, crossShopAftersaleSchema, returnAddressSchema } from '../../server/src/modules/aftersales/schemas.js';
import type { specDimensionSchema } from '../../server/src/modules/catalog/schemas.js';
import type { customerViewSchema } from '../../server/src/modules/customers/schemas.js';
import type { accountSchema, entryViewSchema } from '../../server/src/modules/finance/schemas.js';
import type { storeCategoryNodeSchema } from '../../server/src/modules/market/schemas.js';
import type { addressSnapshotSchema, fulfillmentViewSchema, orderItemViewSchema, orderViewSchema } from '../../server/src/modules/orders/schemas.js';
import type { reviewViewSchema } from '../../server/src/modules/reviews/schemas.js';
import type { storeViewSchema } from '../../server/src/modules/storefront/schemas.js';

/** What a route answers, as the client receives it. */
export type Reply<S extends z.ZodType> = z.output<S>;

export type Specs = Record<string, string>;

export type SpecDimension = Reply<typeof specDimensionSchema>;

/** `GET /shop/store`. */
export type StoreInfo = Reply<typeof storeViewSchema>;
export type Branding = StoreInfo['branding'];

/** A shopper's account as the shopper sees it (`GET /shop/me`; the console's `Customer` is the same row). */
export type Shopper = Reply<typeof customerViewSchema>;

export type StoreCategory = Reply<typeof storeCategoryNodeSchema>;

export type Review = Reply<typeof reviewViewSchema>;

export type Order = Reply<typeof orderViewSchema>;
export type OrderStatus = Order['status'];
export type OrderItem = Reply<typeof orderItemViewSchema>;
export type Fulfillment = Reply<typeof fulfillmentViewSchema>;
export type Shipment = Fulfillment['shipments'][number];
export type OrderAddress = Reply<typeof addressSnapshotSchema>;

/**
 * A case; the platform's and a supplier's queues, which span shops, add its shop.
 * `returned`: the owner has the goods back (a return's refund is on its way; an exchange or a repair
 * waits for the owner to ship the item back); `reshipped`: that item is on its way to the shopper.
 */
export type Aftersale = Reply<typeof aftersaleViewSchema> & Partial<Pick<Reply<typeof crossShopAftersaleSchema>, 'tenantId' | 'shopName'>>;
export type AftersaleStatus = Aftersale['status'];
export type AftersaleType = Aftersale['type'];
export type ReturnAddress = Reply<typeof returnAddressSchema>;
/** A refund a case led to: `failed` means the gateway refused it and the owner may try again. */
export type CaseRefund = Aftersale['refunds'][number];
export type CaseQuote = Reply<typeof caseQuoteSchema>;

/** Ledger accounts and their buckets (finance). */
export type AccountType = Reply<typeof accountSchema>['type'];
export type Bucket = Reply<typeof entryViewSchema>['bucket'];
