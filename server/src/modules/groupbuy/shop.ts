/** What a shopper sees: the activity page with its open groups, and one group (a share link's target). */
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { shopProduct } from '../market/index.js';
import * as repo from './repository.js';
import { activityStatus, groupViews, isOpen, publicGroup } from './views.js';

const OPEN_GROUPS_SHOWN = 10;

const viewerOf = (ctx: Ctx) => (ctx.actor.kind === 'shopper' ? ctx.actor.id : null);

export async function shopActivity(ctx: Ctx, id: number) {
  const a = await repo.findActivity(ctx, id);
  if (!a) throw notFound('Group buy');
  const product = await shopProduct(ctx, a.listingId);
  const skus = product.skus.flatMap((s) => {
    const groupPrice = a.prices.find((p) => p.skuId === s.id)?.price;
    return groupPrice === undefined ? [] : [{ id: s.id, specs: s.specs, price: s.price, groupPrice, stock: s.stock }];
  });
  const { rows } = await repo.groupsOfActivity(ctx, a.id, { status: 'forming', opened: true }, { page: 1, pageSize: OPEN_GROUPS_SHOWN * 2 });
  const now = clock.now();
  const groups = (await groupViews(ctx, rows.filter((g) => isOpen(g, now)).slice(0, OPEN_GROUPS_SHOWN), viewerOf(ctx))).map(publicGroup);
  return {
    id: a.id,
    name: a.name,
    productId: a.listingId,
    title: product.title,
    image: product.image,
    images: product.images,
    groupSize: a.groupSize,
    hours: a.hours,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    status: activityStatus(a, now),
    groupPrice: Math.min(...skus.map((s) => s.groupPrice)),
    price: Math.min(...skus.map((s) => s.price)),
    skus,
    groups,
  };
}

/** One group: seen by anyone with its link once its leader paid; before that only by its leader. */
export async function shopGroup(ctx: Ctx, id: number) {
  const group = await repo.findGroup(ctx, id);
  const viewer = viewerOf(ctx);
  if (!group || (!group.openedAt && group.leaderId !== viewer)) throw notFound('Group');
  const [view] = await groupViews(ctx, [group], viewer);
  return publicGroup(view!);
}
