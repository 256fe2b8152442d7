/** The market module's public surface. */
export { assertListing, countListingSales, markup, floorOf, importFromMarket, importFromBrand, createOwnGoods, reconcile, type ListingView } from './listing-service.js';
export { shopProducts, shopProduct, shopProductsByIds, type ShopProduct } from './shop-catalog.js';
export { followProduct, followChangedProduct } from './sync.js';
export { offersFor, type Offer } from './offers.js';
export { mayRemoveListing, listingPromotions, type SkuPromo, type ListingActivity, type ListingPromotionSource } from './hooks.js';
export { listingCounts, LOW_STOCK } from './stock-watch.js';
export { listingCategories } from './listing-categories.js';
