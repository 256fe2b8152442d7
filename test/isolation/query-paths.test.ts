/**
 * Every read and write of a tenant table goes through an index that starts with tenant_id (or
 * by primary key, or through a cross-tenant index the schema declares on purpose), so no query
 * scans every shop's rows as shops grow. Checked on the statements the shop's main flows send:
 * a supplier's goods listed by two shops, browsed, carted, ordered, paid, shipped from the
 * supplier's queue across shops, a case opened and decided in the supplier's queue, and the
 * merchant's order and listing pages. A new query path without its index fails here.
 */
import { expect } from 'chai';
import { addressOf, listed, marketProduct, merchant, paidOrder, shopper } from '../factories/index.js';
import { api, shopApi } from '../support/http.js';
import { statementsOf, tableUses, unservedBecause, unservedPaths } from '../support/query-paths.js';

describe('query paths into tenant tables', () => {
  it('reads the tables and compared columns of the SQL this code sends', () => {
    const [items, shipments] = tableUses(
      'SELECT `OrderItem`.`id` FROM `order_items` AS `OrderItem` LEFT OUTER JOIN `shipments` AS `s` ON `s`.`fulfillment_id` = `OrderItem`.`fulfillment_id` WHERE `OrderItem`.`fulfillment_id` IN (1, 2) ORDER BY `OrderItem`.`id` ASC;',
    );
    expect([...items!.filtered]).to.deep.equal(['fulfillment_id']);
    expect([...shipments!.filtered]).to.deep.equal(['fulfillment_id']);
    const [update] = tableUses("UPDATE `listings` SET `title`='x',`status`='on_sale' WHERE `tenant_id` = 3 AND `id` = 7");
    expect([...update!.filtered].sort(), 'a SET list is no filter').to.deep.equal(['id', 'tenant_id']);
    const [ls, l] = tableUses('SELECT ls.id FROM listing_skus ls JOIN listings l ON l.id = ls.listing_id AND l.tenant_id = :tenantId WHERE ls.tenant_id = :tenantId AND ls.id IN (:ids)');
    expect([...ls!.filtered].sort()).to.deep.equal(['id', 'listing_id', 'tenant_id']);
    expect([...l!.filtered].sort()).to.deep.equal(['id', 'tenant_id']);
  });

  it('names a read by a column no tenant_id-first index carries, as the supplier queue once read lines', () => {
    const indexes = [
      { name: 'uq_order_items_tenant_id_id', columns: ['tenant_id', 'id'] },
      { name: 'ix_order_items_tenant_id_fulfillment_id', columns: ['tenant_id', 'fulfillment_id'] },
    ];
    const use = (filtered: string[]) => ({ table: 'order_items', alias: 'OrderItem', filtered: new Set(filtered) });
    expect(unservedBecause(use(['fulfillment_id']), indexes)).to.match(/neither its primary key nor the leading column/);
    expect(unservedBecause(use(['tenant_id', 'title']), indexes)).to.match(/no index starts with tenant_id followed by title/);
    expect(unservedBecause(use(['tenant_id', 'fulfillment_id']), indexes)).to.equal(null);
    expect(unservedBecause(use(['tenant_id']), indexes)).to.equal(null);
    expect(unservedBecause(use(['id']), indexes)).to.equal(null);
  });

  it("serves every statement of the shop's main flows from an index", async function () {
    this.timeout(120_000);
    const statements = await statementsOf(async () => {
      const product = await marketProduct({ skus: [{ specs: { 颜色: '灰' }, supplyPrice: 1000, suggestedPrice: 2000, stock: 50 }] });
      const sup = api({ token: product.supplier.token });
      for (const name of ['北店', '南店']) {
        const m = await merchant({ name });
        const owner = shopApi(m.slug, m.token);
        const listing = await listed(m, product.id);
        const s = await shopper(m.slug);
        const shop = shopApi(m.slug, s.token);
        const addressId = await addressOf(m.slug, s.token);
        expect((await shop.get('/shop/products')).status).to.equal(200);
        expect((await shop.get(`/shop/products/${listing.id}`)).status).to.equal(200);
        expect((await shop.post('/shop/cart/items').send({ skuId: listing.skus[0]!.id, quantity: 1 })).status).to.equal(201);
        expect((await shop.get('/shop/cart')).status).to.equal(200);
        const order = await paidOrder(m.slug, s.token, { items: [{ skuId: listing.skus[0]!.id, quantity: 2 }], addressId });
        const queue = await sup.get('/supplier/fulfillments');
        expect(queue.status).to.equal(200);
        const fulfillment = (queue.body.items as Array<{ id: number; orderNo: string }>).find((f) => f.orderNo === order.orderNo)!;
        expect((await sup.post(`/supplier/fulfillments/${fulfillment.id}/ship`).send({ carrier: 'ems', trackingNo: `EMS${String(order.id).padStart(8, "0")}` })).status).to.equal(200);
        const opened = await shop.post(`/shop/orders/${order.id}/aftersales`).send({ type: 'refund_only', reason: '不想要了' });
        expect(opened.status).to.equal(201);
        expect((await sup.get('/supplier/aftersales')).status).to.equal(200);
        expect((await sup.get(`/supplier/aftersales/${opened.body.id}`)).status).to.equal(200);
        expect((await owner.get('/admin/orders')).status).to.equal(200);
        expect((await owner.get(`/admin/orders/${order.id}`)).status).to.equal(200);
        expect((await owner.get('/admin/products')).status).to.equal(200);
        expect((await shop.get('/shop/orders')).status).to.equal(200);
      }
    });
    const findings = await unservedPaths(statements);
    const report = findings.map((f) => `${f.problem}\n    ${f.statement}`).join('\n');
    expect(findings.length, `tenant tables reached without an index that starts with tenant_id:\n${report}\n`).to.equal(0);
  });
});
