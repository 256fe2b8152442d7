/**
 * Shapes the console reads from the API, inferred from the server's response schemas (see
 * /api/docs and web/shared/types.ts); those the storefront reads too are in web/shared.
 */
import type { Reply, Specs } from '../../shared/types';
import type { adminMeReply, adminPermissionsReply, invitationViewSchema, platformMeReply, platformRoleViewSchema, platformUserViewSchema, roleViewSchema, staffViewSchema, tokenReply } from '../../../server/src/modules/accounts/schemas.js';
import type { adminAuditLogReply } from '../../../server/src/modules/audit/schemas.js';
import type { categoryNodeSchema, importViewSchema, productViewSchema, skuViewSchema, warehouseViewSchema } from '../../../server/src/modules/catalog/schemas.js';
import type { customerViewSchema } from '../../../server/src/modules/customers/schemas.js';
import type { accountFindingSchema, balanceSchema, entryViewSchema, reconciliationSchema, withdrawalViewSchema } from '../../../server/src/modules/finance/schemas.js';
import type { freightRuleSchema, templateViewSchema } from '../../../server/src/modules/fulfillment/schemas.js';
import type { marketProductSchema, listingViewSchema } from '../../../server/src/modules/market/schemas.js';
import type { overviewSchema, submissionSchema } from '../../../server/src/modules/miniprogram/schemas.js';
import type { ownerFulfillmentViewSchema } from '../../../server/src/modules/orders/schemas.js';
import type { supplierMeReply, supplierViewSchema } from '../../../server/src/modules/suppliers/schemas.js';
import type { appViewSchema, domainViewSchema, settingsPropertySchema, settingsViewSchema, tenantDetailSchema, tenantViewSchema } from '../../../server/src/modules/tenants/schemas.js';

import type { deliverySchema, endpointSchema } from '../../../server/src/modules/webhooks/schemas.js';

export type * from '../../shared/types';

export type WebhookEndpoint = Reply<typeof endpointSchema>;
export type WebhookDelivery = Reply<typeof deliverySchema>;

/** The signed-in operator (`GET /platform/me`); an administrator's `permissions` are `['*']`. */
export type PlatformUser = Reply<typeof platformMeReply>;
/** A row of `GET /platform/users`. */
export type PlatformStaff = Reply<typeof platformUserViewSchema>;
export type PlatformRole = Reply<typeof platformRoleViewSchema>;

export type Supplier = Reply<typeof supplierViewSchema>;
export type SupplierStatus = Supplier['status'];
export type SupplierMe = Reply<typeof supplierMeReply>;
/** The signed-in shop staff (`GET /admin/me`). */
export type StaffMe = Reply<typeof adminMeReply>;

export type Tenant = Reply<typeof tenantViewSchema>;
export type Domain = Reply<typeof domainViewSchema>;
export type MiniApp = Reply<typeof appViewSchema>;
export type Label = Reply<typeof settingsPropertySchema>['label'];
/** A settings field as the API describes it: a JSON schema property with its label. */
export type SettingsProperty = Reply<typeof settingsPropertySchema>;
/** Every module's settings section (`GET /admin/settings`); each section's `schema` is a JSON schema whose properties are SettingsProperty. */
export type SettingsView = Reply<typeof settingsViewSchema>;
export type SettingsSection = SettingsView['sections'][number];
export type TenantDetail = Reply<typeof tenantDetailSchema>;
export type AuditEntry = Reply<typeof adminAuditLogReply>['items'][number];

export type Staff = Reply<typeof staffViewSchema>;
export type RoleRef = NonNullable<Staff['role']>;
export type Role = Reply<typeof roleViewSchema>;
export type Permission = Reply<typeof adminPermissionsReply>['items'][number];
export type Invitation = Reply<typeof invitationViewSchema>;
/** A shopper as the console sees them. */
export type Customer = Reply<typeof customerViewSchema>;
export type TokenReply = Reply<typeof tokenReply>;

// --- Catalog, market, orders, finance ---

/** A supplier product (also own goods, which are products owned by the shop). */
export type SupplierProduct = Reply<typeof productViewSchema>;
/** A supplier product, or a market product, which also says whether this shop already sells it. */
export type Product = SupplierProduct & Partial<Pick<Reply<typeof marketProductSchema>, 'listingId' | 'imported' | 'supplierName'>>;
export type ProductStatus = SupplierProduct['status'];
export type ProductSku = Reply<typeof skuViewSchema>;
export type Revision = NonNullable<SupplierProduct['revision']>;

/** A product as this shop sells it. */
export type Listing = Reply<typeof listingViewSchema>;
export type ListingSku = Listing['skus'][number];
export type OffReason = NonNullable<Listing['offReason']>;

export type Category = Reply<typeof categoryNodeSchema>;
export type Warehouse = Reply<typeof warehouseViewSchema>;

/** An owner's shipping queue entry: the goods a supplier or a shop ships itself (`GET /supplier/fulfillments`, `GET /admin/fulfillments`). */
export type QueuedFulfillment = Reply<typeof ownerFulfillmentViewSchema>;

export type Balance = Reply<typeof balanceSchema>;
export type LedgerEntry = Reply<typeof entryViewSchema>;
export type Withdrawal = Reply<typeof withdrawalViewSchema>;
export type FreightRule = Reply<typeof freightRuleSchema>;
export type FreightTemplate = Reply<typeof templateViewSchema>;
export type ImportJob = Reply<typeof importViewSchema>;
export type Reconciliation = Reply<typeof reconciliationSchema>;
export type AccountFinding = Reply<typeof accountFindingSchema>;

/** A SKU row of the spec matrix editor: its specs and the numbers typed for it (money in fen). */
export interface MatrixRow {
  specs: Specs;
  [column: string]: number | Specs;
}

// --- Mini-program publishing (WeChat third-party platform), `GET /admin/miniprogram` ---

/** The shop's mini-program as the platform publishes it; submissions newest first. */
export type MiniProgramView = Reply<typeof overviewSchema>;
/** One upload of the platform's template for review; `reason` is WeChat's own text (refusal or failure). */
export type MiniProgramSubmission = Reply<typeof submissionSchema>;
export type SubmissionStatus = MiniProgramSubmission['status'];
