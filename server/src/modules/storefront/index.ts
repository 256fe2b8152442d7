/** The storefront module's public surface. */
export { initStorefront, storeView, updateBranding, DEFAULT_COLOR, type StoreView } from './service.js';
export { brandingBody, themeSchema, colorSchema, linkSchema } from './schemas.js';
export type { Theme } from './model.js';
