import { conflict, rateLimited } from '../../core/errors.js';

/** The flash-sale module's error codes. */
export const flashErrors = {
  soldOut: () => conflict('sold_out', 'This flash sale item is sold out'),
  limitReached: (limit: number) => conflict('limit_reached', `At most ${limit} per shopper`, { limit }),
  notStarted: (startsAt: Date) => conflict('not_started', 'This flash sale has not started', { startsAt: startsAt.toISOString() }),
  ended: () => conflict('ended', 'This flash sale has ended'),
  /** Items, prices and stock are fixed once a session starts. */
  alreadyStarted: () => conflict('already_started', 'A session that has started cannot be edited; end it instead'),
  /** A SKU is in one session at a time, so an order bought at a flash price names one item. */
  skuInAnotherSale: (skuId: number, saleName: string) => conflict('sku_in_another_sale', `This SKU is in the overlapping flash sale ${saleName}`, { skuId, saleName }),
  tooFast: (retryAfterSeconds: number) => rateLimited(retryAfterSeconds, 'flash_buy_rate_limited', 'Too many attempts at this flash sale; try again shortly'),
};
