import { AppError, conflict, notFound, ValidationError } from '../../core/errors.js';

/** The stores module's error codes. */
export const storeErrors = {
  notFound: () => notFound('Store'),
  /** The store cannot cover a line of the order: names the SKU and what the store has. */
  outOfStock: (skuId: number, title: string, requested: number, available: number) => conflict('store_out_of_stock', `The store has not enough of ${title}`, { skuId, requested, available }),
  closed: () => conflict('store_closed', 'This store is not taking orders'),
  noPickup: () => ValidationError.field('storeId', 'this store offers no pickup'),
  notOwnGoods: (field: string) => ValidationError.field(field, 'stores hold the shop\'s own goods only'),
  noPosition: () => ValidationError.field('addressId', 'the address has no map position: same-city delivery needs one (choose it on the map)'),
  outOfRadius: (distanceM: number, radiusM: number) => conflict('store_out_of_range', 'The address is outside the store\'s same-city delivery range', { distanceM, radiusM }),
  noDelivery: () => ValidationError.field('storeId', 'this store offers no same-city delivery'),
  belowZero: (skuId: number, stock: number) => conflict('store_stock_below_zero', 'A store\'s stock cannot go below zero', { skuId, stock }),
  staffNotFound: () => notFound('Staff member'),
  /** A code of no order this store serves (another store's code is unknown here too). */
  codeUnknown: () => new AppError(404, 'pickup_code_unknown', 'No pickup order of this store has this code'),
};
