/**
 * Every shop's listings of a product follow the product (event catalog.product.changed): copies
 * refreshed, floors re-checked, off-sale reasons set or lifted. The product is platform-level; its
 * listings are in many tenants, visited one tenant at a time.
 */
import { inTenant, systemContext } from '../../core/context.js';
import { withTransaction } from '../../core/db/index.js';
import { on } from '../../core/events.js';
import { productChanged } from '../catalog/index.js';
import { tenantRef } from '../tenants/index.js';
import { reconcile } from './listing-service.js';
import { findListing, listingsOfProductInEveryShop } from './repository.js';

export async function followProduct(productId: number): Promise<number> {
  const rows = await listingsOfProductInEveryShop(productId);
  for (const row of rows) {
    const ctx = systemContext('market.follow-product', row.tenantId);
    const tenant = await tenantRef(ctx, row.tenantId);
    await inTenant(ctx, tenant, (tc) =>
      withTransaction(tc, async (tx) => {
        const listing = await findListing(tx, row.id);
        if (listing) await reconcile(tx, listing);
      }),
    );
  }
  return rows.length;
}

export const followChangedProduct = on(productChanged, 'market.follow-product', async (_ctx, event) => {
  await followProduct(event.productId);
});
