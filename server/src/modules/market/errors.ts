import { AppError, conflict, ValidationError } from '../../core/errors.js';

export const marketErrors = {
  alreadyImported: (listingId: number) => conflict('already_imported', 'This product is already in your shop', { listingId }),
  notInMarket: () => new AppError(404, 'not_found', 'Product not found in the market'),
  belowFloor: (field: string, floor: number, skuId: number) => ValidationError.field(field, `SKU ${skuId}: must be at least ${floor} fen (the supply or minimum retail price)`),
  markupBelowFloor: (floor: number, percent: number) =>
    ValidationError.field('markupPercent', `prices a SKU below its minimum retail price of ${floor} fen; use at least ${percent}`),
  pricesIncomplete: (missing: number[]) => ValidationError.field('prices', `list every SKU; missing supplierSkuId ${missing.join(', ')}`),
  unknownSku: (field: string) => ValidationError.field(field, 'not a SKU of this product'),
  cannotSell: (why: string) => conflict('cannot_list', why),
  listingInUse: (why: string, by: string) => conflict('listing_in_use', `This product cannot be removed: ${why}`, { by }),
  noParent: () => new AppError(403, 'not_a_distributor', 'Only a brand owner\'s distributors see its range'),
  unknownStoreCategory: () => ValidationError.field('storeCategoryId', 'no such store category'),
};
