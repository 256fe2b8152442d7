/**
 * `config.generated.js` is written by `npm run build:miniprogram` next to app.js: the tenant's
 * config for a project built for one tenant, or `null` in the template (the third-party platform
 * then supplies it as `ext` of ext_json, read through wx.getExtConfigSync).
 */
import type { TenantConfig } from './lib/tenant-config.js';

declare const generated: TenantConfig | null;
export default generated;
