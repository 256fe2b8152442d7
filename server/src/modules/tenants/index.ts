/** The tenants module's public surface. */
export {
  createTenant,
  getTenant,
  findTenantBySlug,
  tenantRef,
  listTenants,
  tenantsOpenedSince,
  setStatus,
  updateTenant,
  settingsView,
  changeSettings,
  addDomain,
  listDomains,
  addApp,
  listApps,
  appCredentials,
  bindPlatformApp,
  appOwner,
  hostOf,
  viewOf,
  RESERVED_SLUGS,
  toRef,
  type TenantView,
  type NewTenant,
  type SettingsView,
} from './service.js';
export { tenantNames } from './repository.js';
export type { TenantRow as Tenant } from './repository.js';
export type { TenantKind, Plan, TenantStatus } from './model.js';
export { slugSchema, planSchema, appidSchema, tenantViewSchema } from './schemas.js';
export { tenantErrors } from './errors.js';
