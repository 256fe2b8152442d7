/** Shapes the console reads from the API (see /api/docs). */

export interface Branding {
  logoUrl: string | null;
  primaryColor: string;
  notice?: string;
  servicePhone?: string;
  banners?: { imageUrl: string; link?: string }[];
}

export interface StoreInfo {
  name: string;
  slug: string;
  branding: Branding;
}

export interface PlatformUser {
  id: number;
  email: string;
  name: string;
  role: string;
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

export interface Settings {
  orderAutoCancelMinutes: number;
  autoReceiveDays: number;
  afterSalesDays: number;
}

export interface TenantDetail extends Tenant {
  domains: Domain[];
  apps: MiniApp[];
  settings: Settings;
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

export interface Customer {
  id: number;
  phone: string | null;
  nickname: string | null;
  avatarUrl: string | null;
  wechatBound: boolean;
  status: string;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface TokenReply {
  token: string;
  expiresAt: string;
}
