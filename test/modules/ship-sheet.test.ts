/**
 * Shipping from a sheet: the template lists the owner's orders waiting to ship; each uploaded row
 * is checked (known carrier, tracking number form, an order of the owner's to ship) and shipped
 * with the one-at-a-time ship operation, once: the same sheet uploaded twice, or twice at once,
 * ships every fulfilment a single time.
 */
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import type request from 'supertest';
import { api, shopApi } from '../support/http.js';
import { paidOrder, storeWithProduct } from '../factories/index.js';

const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

async function rowsOf(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => String(v ?? ''))));
  return rows;
}

async function sheetOf(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('发货');
  rows.forEach((r, i) => (ws.getRow(i + 1).values = r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('shipping from a sheet', function () {
  // several paid orders each: slow on a busy machine
  this.timeout(90_000);

  it('lists the orders to ship, ships each filled row once, and says per row why one did not ship', async () => {
    const { product, m, s, addressId, skuId } = await storeWithProduct();
    const orders = [];
    for (let i = 0; i < 3; i++) orders.push(await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 1 }], addressId }));
    const sup = api({ token: product.supplier.token });
    const template = await sup.get('/supplier/fulfillments/ship-sheet').buffer(true).parse(binary);
    expect(template.status).to.equal(200);
    const rows = await rowsOf(template.body as Buffer);
    expect(rows[0]).to.deep.equal(['订单号', '收件人', '电话', '收货地址', '商品', '快递公司', '运单号']);
    expect(rows.slice(1).map((r) => r[0]).sort()).to.deep.equal(orders.map((o) => o.orderNo).sort());

    const [a, b, c] = orders;
    const filled = await sheetOf([
      rows[0]!,
      [a!.orderNo, '', '', '', '', '顺丰', 'SF1000000001'],
      [b!.orderNo, '', '', '', '', 'nosuchcarrier', 'SF1000000002'],
      [c!.orderNo, '', '', '', '', 'zhongtong', '短'],
      ['NOTANORDER', '', '', '', '', 'yuantong', 'YT1000000003'],
    ]);
    const first = await sup.post('/supplier/fulfillments/ship-sheet').attach('file', filled, 'ship.xlsx');
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    expect(first.body).to.include({ shipped: 1, skipped: 0, failed: 3 });
    expect(first.body.rows.map((r: { row: number; status: string; code: string | null }) => [r.row, r.status, r.code])).to.deep.equal([
      [2, 'shipped', null],
      [3, 'failed', 'carrier_unknown'],
      [4, 'failed', 'tracking_invalid'],
      [5, 'failed', 'order_not_found'],
    ]);
    expect(first.body.rows[0]).to.include({ carrier: 'shunfeng', trackingNo: 'SF1000000001' });
    const again = await sup.post('/supplier/fulfillments/ship-sheet').attach('file', filled, 'ship.xlsx');
    expect(again.body.rows[0]).to.include({ status: 'skipped', code: 'already_shipped' });

    // another supplier's sheet naming these orders ships nothing of them
    const other = await storeWithProduct();
    const stranger = await api({ token: other.product.supplier.token }).post('/supplier/fulfillments/ship-sheet').attach('file', await sheetOf([rows[0]!, [b!.orderNo, '', '', '', '', 'yuantong', 'YT1000000009']]), 'ship.xlsx');
    expect(stranger.body.rows[0]).to.include({ status: 'failed', code: 'order_not_found' });
    expect((await shopApi(m.slug, s.token).get(`/shop/orders/${b!.id}`)).body.status).to.equal('paid');
  });

  it('ships each fulfilment once when the same sheet is uploaded four times at once', async () => {
    const { product, m, s, addressId, skuId } = await storeWithProduct();
    const orders = [];
    for (let i = 0; i < 4; i++) orders.push(await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 1 }], addressId }));
    const sup = api({ token: product.supplier.token });
    const sheet = await sheetOf([['订单号', '快递公司', '运单号'], ...orders.map((o, i) => [o.orderNo, 'yunda', `YD20000000${i}`])]);
    const replies = await Promise.all(Array.from({ length: 4 }, () => sup.post('/supplier/fulfillments/ship-sheet').attach('file', sheet, 'ship.xlsx')));
    expect(replies.map((r) => r.status)).to.deep.equal([200, 200, 200, 200]);
    expect(replies.reduce((sum, r) => sum + r.body.shipped, 0), 'each of the four orders shipped by one upload').to.equal(4);
    expect(replies.reduce((sum, r) => sum + r.body.failed, 0)).to.equal(0);
    for (const o of orders) {
      const detail = (await shopApi(m.slug, m.token).get(`/admin/orders/${o.id}`)).body;
      expect(detail.status).to.equal('shipped');
      expect(detail.fulfillments[0].shipments, 'one parcel, not one per upload').to.have.length(1);
    }
  });
});
