/**
 * The pages module's public surface: a shop's published pages, for whoever renders them outside
 * the HTTP API (the mini-program build, the demo seed).
 */
export { createPage, publish, shopHome, shopPage } from './service.js';
export { blockInput, pageBody, type BlockInput, type PageBody } from './schemas.js';
export type { PageView, ResolvedBlock } from './resolve.js';
export { blockCoupons } from './hooks.js';
export type { BlockCoupon } from './resolve.js';
