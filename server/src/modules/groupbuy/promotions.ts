/** Product cards and pages link to a running group buy of the listing (market's listingPromotions). */
import { clock } from '../../core/clock.js';
import { contribute } from '../../core/hooks.js';
import { KIND } from '../orders/index.js';
import { listingPromotions } from '../market/index.js';
import { runningActivitiesOf } from './repository.js';

export const groupBuyLinks = contribute(listingPromotions, 'groupbuy.activities', async (ctx, listings) => {
  const running = await runningActivitiesOf(ctx, listings.map((l) => l.id), clock.now());
  return {
    activities: running.map((a) => [
      a.listingId,
      { kind: KIND.groupBuy, id: a.id, label: `${a.groupSize}人团`, price: Math.min(...a.prices.map((p) => p.price)), startsAt: a.startsAt.toISOString(), endsAt: a.endsAt.toISOString() },
    ]),
  };
});
