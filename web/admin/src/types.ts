/** Shapes the console reads from the API (see /api/docs); those the storefront reads too are in web/shared. */
import type { AccountType, Bucket, OrderAddress, Shopper, SpecDimension, Specs } from '../../shared/types';

export type * from '../../shared/types';

/** The signed-in operator (`GET /platform/me`); an administrator's `permissions` are `['*']`. */
export interface PlatformUser {
  id: number;
  email: string;
  name: string;
  role: string | null;
  roleId: number | null;
  roleName: string | null;
  isAdministrator: boolean;
  permissions: string[];
}

/** A row of `GET /platform/users`. */
export interface PlatformStaff {
  id: number;
  email: string;
  name: string;
  status: 'active' | 'disabled';
  role: RoleRef | null;
  createdAt: string;
}

export interface PlatformRole extends RoleRef {
  builtin: boolean;
  isAdministrator: boolean;
  permissions: string[];
  userCount?: number;
}

export type SupplierStatus = 'pending' | 'approved' | 'rejected' | 'suspended';

export interface Supplier {
  id: number;
  companyName: string;
  licenseNo: string;
  contactName: string;
  contactPhone: string | null;
  status: SupplierStatus;
  rejectReason: string | null;
  documents: { type: string; url: string; name?: string }[];
  reviewedAt: string | null;
  createdAt: string;
}

export interface SupplierMe {
  id: number;
  email: string;
  supplier: Supplier;
}

export interface StaffMe {
  id: number;
  email: string;
  name: string;
  role: string;
  roleId: number | null;
  roleName: string;
  isOwner: boolean;
  permissions: string[];
  tenant: { id: number; slug: string; name: string; plan: string; parentId: number | null };
}

export interface Tenant {
  id: number;
  slug: string;
  name: string;
  kind: 'merchant' | 'brand_owner';
  parentId: number | null;
  status: 'active' | 'suspended';
  plan: 'trial' | 'basic' | 'pro';
  planExpiresAt: string | null;
  host: string;
  createdAt: string;
}

export interface Domain {
  id: number;
  domain: string;
  createdAt: string;
}

export interface MiniApp {
  id: number;
  appid: string;
  channel: string;
  hasSecret: boolean;
  createdAt: string;
}

export interface Label {
  zh: string;
  en: string;
}

/** A settings field as the API describes it: a JSON schema property with its label. */
export interface SettingsProperty {
  type?: 'integer' | 'number' | 'boolean' | 'string';
  label: Label;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  enum?: Array<string | number>;
  /** Words for each enum value (`.meta({ options })`): the page shows no raw codes. */
  options?: Record<string, Label>;
}

/** One module's settings: `GET /admin/settings` answers every section. */
export interface SettingsSection {
  module: string;
  label: Label;
  schema: { properties: Record<string, SettingsProperty> };
  values: Record<string, unknown>;
}

export interface SettingsView {
  sections: SettingsSection[];
}

export interface TenantDetail extends Tenant {
  domains: Domain[];
  apps: MiniApp[];
  settings: SettingsView;
}

export interface AuditEntry {
  id: number;
  tenantId: number | null;
  actor: { kind: string; id: number | null; label: string | null };
  action: string;
  target: { type: string | null; id: string | null } | null;
  details: unknown;
  ip: string | null;
  createdAt: string;
}

export interface RoleRef {
  id: number;
  name: string;
  code: string | null;
}

export interface Staff {
  id: number;
  email: string;
  name: string;
  isOwner: boolean;
  status: 'active' | 'disabled';
  role: RoleRef | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface Role extends RoleRef {
  builtin: boolean;
  permissions: string[];
  staffCount?: number;
}

export interface Permission {
  key: string;
  label: string;
}

export interface Invitation {
  id: number;
  email: string;
  roleId: number | null;
  asOwner: boolean;
  status: string;
  expiresAt: string;
  createdAt: string;
}

export interface Customer extends Shopper {
  status: string;
  lastLoginAt: string | null;
}

export interface TokenReply {
  token: string;
  expiresAt: string;
}

// --- Catalog, market, orders, finance (see /api/docs) ---

export type ProductStatus = 'draft' | 'pending_review' | 'approved' | 'rejected' | 'delisted';

export interface ProductSku {
  id: number;
  code: string | null;
  specs: Specs;
  supplyPrice: number;
  suggestedPrice: number;
  minRetailPrice: number | null;
  weightGrams: number;
  stock: number;
  stocks?: { warehouseId: number; stock: number }[];
}

export interface Revision {
  title?: string;
  descriptionHtml?: string | null;
  images?: string[];
  categoryId?: number | null;
  brandId?: number | null;
  skuPrices?: { skuId: number; supplyPrice: number; suggestedPrice: number }[];
  status: string | null;
  reason: string | null;
}

/** A supplier product (also a market product, and own goods, which are products owned by the shop). */
export interface Product {
  id: number;
  owner: { kind: string; id: number };
  title: string;
  description: string | null;
  images: string[];
  categoryId: number | null;
  brandId: number | null;
  specDimensions: SpecDimension[];
  status: ProductStatus;
  rejectReason: string | null;
  revision: Revision | null;
  sharedWithDistributors: boolean;
  minSupplyPrice: number;
  totalStock: number;
  salesCount: number;
  approvedAt: string | null;
  createdAt: string;
  updatedAt: string;
  skus: ProductSku[];
  /** Market only: whether this shop already sells it. */
  listingId?: number | null;
  imported?: boolean;
  freightTemplateId?: number | null;
}

export type OffReason = 'merchant' | 'supplier_delisted' | 'below_supply_price' | 'out_of_stock';

export interface ListingSku {
  id: number;
  supplierSkuId: number;
  specs: Specs;
  price: number;
  /** The lowest price allowed (supply price, or the brand's minimum retail price). */
  floor: number;
  stock: number;
}

/** A product as this shop sells it. */
export interface Listing {
  id: number;
  productId: number;
  source: 'supplier' | 'own' | 'brand';
  title: string;
  image: string | null;
  storeCategoryId: number | null;
  status: 'on_sale' | 'off_sale';
  offReason: OffReason | null;
  minPrice: number;
  salesCount: number;
  skus: ListingSku[];
  createdAt: string;
}

export interface Category {
  id: number;
  name: string;
  parentId: number | null;
  sort: number;
  level: number;
  children: Category[];
}

export interface Warehouse {
  id: number;
  name: string;
  province: string;
  city: string;
  district: string | null;
  address: string;
  lat: number | null;
  lng: number | null;
}

/** An owner's shipping queue entry: the goods a supplier or a shop ships itself (`GET /supplier/fulfillments`, `GET /admin/fulfillments`). */
export interface QueuedFulfillment {
  id: number;
  tenantId: number;
  orderNo: string;
  status: string;
  warehouseId: number;
  freightAmount: number;
  address: OrderAddress | null;
  remark: string | null;
  paidAt: string | null;
  items: { id: number; title: string; specs: Specs; quantity: number; shippedQuantity: number; refundedQuantity: number; refundingQuantity: number; supplyPrice: number }[];
  shipments: { carrier: string; trackingNo: string; shippedAt: string }[];
}

export interface Balance {
  available: number;
  frozen: number;
  /** Pending withdrawals (提现中). */
  held: number;
}

export interface LedgerEntry {
  id: number;
  bucket: Bucket;
  amount: number;
  kind: string;
  orderId: number | null;
  note: string | null;
  createdAt: string;
}

export interface Withdrawal {
  id: number;
  account: { type: string; id: number };
  amount: number;
  status: 'pending' | 'paid' | 'rejected';
  payee: Record<string, string>;
  reason: string | null;
  reviewedAt: string | null;
  createdAt: string;
}

export interface FreightRule {
  first: number;
  firstFee: number;
  additional: number;
  additionalFee: number;
}

export interface FreightTemplate {
  id: number;
  name: string;
  mode: 'piece' | 'weight';
  defaultRule: FreightRule;
  regionRules: (FreightRule & { provinces: string[] })[];
  freeThreshold: number | null;
  isDefault: boolean;
}

export interface ImportJob {
  id: number;
  status: 'pending' | 'running' | 'done' | 'failed';
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  errors?: { row: number; field: string; message: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface Reconciliation {
  flows: { name: string; moneyIn: number; moneyOut: number }[];
  withdrawalsPaid: number;
  expectedLedgerTotal: number;
  ledgerTotal: number;
  difference: number;
  /** Balance rows that disagree with the sum of their entries. */
  mismatches: AccountFinding[];
  /** Buckets below zero. */
  negative: AccountFinding[];
  balanced: boolean;
}

export interface AccountFinding {
  account: { type: AccountType; id: number };
  bucket: Bucket;
  /** The sum of the account's entries in the bucket. */
  ledger: number;
  /** What its balance row says. */
  balance: number;
}

/** A SKU row of the spec matrix editor: its specs and the numbers typed for it (money in fen). */
export interface MatrixRow {
  specs: Specs;
  [column: string]: number | Specs;
}
