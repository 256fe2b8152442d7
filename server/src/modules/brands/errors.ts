import { AppError, ValidationError, forbidden, notFound } from '../../core/errors.js';

/** The brands module's error codes. */
export const brandErrors = {
  notBrandOwner: () => forbidden('Only brand owners see their distributors\' sales and set retail price floors', 'not_brand_owner'),
  unknownDistributor: () => notFound('Distributor'),
  unknownSku: () => notFound('SKU'),
  duplicateSku: (i: number, skuId: number) => ValidationError.field(`items[${i}].skuId`, `SKU ${skuId} is listed twice`),
  floorBelowDistributorPrice: (i: number, skuId: number, distributorPrice: number) =>
    ValidationError.field(`items[${i}].minRetailPrice`, `SKU ${skuId}: must not be below its distributor price of ${distributorPrice} fen`),
  suggestedBelowFloor: (i: number, skuId: number, floor: number) => ValidationError.field(`items[${i}].suggestedPrice`, `SKU ${skuId}: must not be below its minimum retail price of ${floor} fen`),
  rangeTooLong: () => new AppError(400, 'validation_failed', 'A report covers 366 days at most', [{ field: 'to', message: 'at most 366 days after from' }]),
};
