/** The catalog module's public surface. */
export {
  createProduct,
  updateProduct,
  getOwnedProduct,
  listOwnedProducts,
  findProduct,
  setListed,
  setSkuPrices,
  setStock,
  skuMatrix,
  specMatrix,
  sanitizeDescription,
  skuFacts,
  type SkuFacts,
  type SkuWarehouse,
  productBrief,
  listForReview,
  withSupplierNames,
  type ProductView,
  type SkuView,
  type ChangeReason,
} from './product-service.js';
export { liveSkus, skusById, LIVE_SKU_ATTRIBUTES, type LiveSku } from './repository/products.js';
export { browseMarket, browseBrandRange, type MarketQuery, type MarketSort } from './browse-service.js';
export { createWarehouse, listWarehouses, type WarehouseView } from './warehouse-service.js';
export { categoryTree, categoryBranch } from './taxonomy-service.js';
export type { Specs, ProductStatus } from './model.js';
export { productInput, productUpdate, skuInput, warehouseInput, imageUrl, fen, productViewSchema, namedProductViewSchema, skuViewSchema, warehouseViewSchema, type ProductInput } from './schemas.js';
export { reserveStock, releaseStock, countSales } from './stock-service.js';
export { productChanged, productSubmitted, productApproved, productRejected } from './events.js';
export { supplierReactions } from './supplier-reactions.js';
export { readSheet, sheetWriter, sendSheet, SHEET_MIME, type Cell, type SheetFormat } from './sheet-io.js';
export { receiveSheet } from './bulk-routes.js';
