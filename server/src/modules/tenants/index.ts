/** The tenants module's public surface. */
export {
  createTenant,
  getTenant,
  findTenantBySlug,
  tenantRef,
  listTenants,
  setStatus,
  updateTenant,
  tenantSettings,
  storedTenantSettings,
  addDomain,
  listDomains,
  addApp,
  listApps,
  appCredentials,
  hostOf,
  viewOf,
  RESERVED_SLUGS,
  type TenantView,
  type NewTenant,
} from './service.js';
export { toRef } from './repository.js';
export type { Tenant, TenantKind, Plan, TenantSettings, TenantStatus } from './model.js';
export { slugSchema, planSchema, appidSchema } from './schemas.js';
export { tenantErrors } from './errors.js';
