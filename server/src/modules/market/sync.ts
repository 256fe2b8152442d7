/**
 * Every shop's listings of a product follow the product (event catalog.product.changed): copies
 * refreshed, floors re-checked, off-sale reasons set or lifted. The product is platform-level; its
 * listings are in many tenants, visited one tenant at a time.
 */
import { inTenant, systemContext } from '../../core/context.js';
import { acrossTenants, withTransaction } from '../../core/db/index.js';
import { on } from '../../core/events.js';
import { productChanged } from '../catalog/index.js';
import { tenantRef } from '../tenants/index.js';
import { reconcile } from './listing-service.js';
import { Listing } from './model.js';

export async function followProduct(productId: number): Promise<number> {
  const rows = await acrossTenants('market: listings of a changed product, in every shop', () =>
    Listing.findAll({ where: { productId }, attributes: ['id', 'tenantId'], raw: true }),
  );
  for (const row of rows) {
    const ctx = systemContext('market.follow-product', row.tenantId);
    const tenant = await tenantRef(ctx, row.tenantId);
    await inTenant(ctx, tenant, (tc) =>
      withTransaction(tc, async (tx) => {
        const listing = await Listing.findOne({ where: { tenantId: row.tenantId, id: row.id }, transaction: tx.transaction });
        if (listing) await reconcile(tx, listing);
      }),
    );
  }
  return rows.length;
}

export const followProductChanges = on(productChanged, 'market.follow-product', async (_ctx, event) => {
  await followProduct(event.productId);
});
