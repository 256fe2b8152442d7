/** Warehouse allocation and discount spreading (orders/quote.ts): pure rules, no database. */
import { expect } from 'chai';
import { AppError } from '../../../server/src/core/errors.js';
import { allocate, spread, type QuoteLine, type WarehouseStock } from '../../../server/src/modules/orders/quote.js';

const hangzhou = { name: '张三', phone: '13800000000', province: '浙江省', city: '杭州市', district: '余杭区', detail: '文一西路 1 号' };

function line(index: number, skuId: number, quantity: number, price = 1000): QuoteLine {
  return { index, quantity, subtotal: price * quantity, discount: 0, offer: { skuId, listingSkuId: 100 + skuId, title: `SKU ${skuId}`, price } as QuoteLine['offer'] };
}

function stock(skuId: number, warehouseId: number, units: number, province: string, city: string): WarehouseStock {
  return { skuId, warehouseId, stock: units, province, city } as WarehouseStock;
}

const parts = (allocation: Map<number, Array<{ lineIndex: number; quantity: number }>>) => Object.fromEntries([...allocation].map(([w, p]) => [w, p]));

describe('allocation of units to warehouses', () => {
  it('takes every unit from the warehouse in the shopper\'s city before the province, and the province before anywhere', () => {
    const stocks = [stock(1, 10, 50, '广东省', '广州市'), stock(1, 11, 50, '浙江省', '宁波市'), stock(1, 12, 50, '浙江省', '杭州市')];
    expect(parts(allocate([line(0, 1, 3)], stocks, hangzhou))).to.deep.equal({ 12: [{ lineIndex: 0, quantity: 3 }] });
    expect(parts(allocate([line(0, 1, 3)], stocks.slice(0, 2), hangzhou))).to.deep.equal({ 11: [{ lineIndex: 0, quantity: 3 }] });
  });

  it('prefers one farther warehouse that has every unit to splitting the line', () => {
    const stocks = [stock(1, 10, 2, '浙江省', '杭州市'), stock(1, 11, 9, '广东省', '广州市')];
    expect(parts(allocate([line(0, 1, 5)], stocks, hangzhou))).to.deep.equal({ 11: [{ lineIndex: 0, quantity: 5 }] });
  });

  it('splits a line over warehouses, nearest first, when no one warehouse has enough', () => {
    const stocks = [stock(1, 10, 2, '广东省', '广州市'), stock(1, 11, 3, '浙江省', '杭州市')];
    expect(parts(allocate([line(0, 1, 5)], stocks, hangzhou))).to.deep.equal({ 11: [{ lineIndex: 0, quantity: 3 }], 10: [{ lineIndex: 0, quantity: 2 }] });
  });

  it('breaks ties by the larger stock, then the older warehouse, when there is no address', () => {
    const stocks = [stock(1, 12, 5, '浙江省', '杭州市'), stock(1, 11, 9, '广东省', '广州市'), stock(1, 10, 9, '北京市', '北京市')];
    expect(parts(allocate([line(0, 1, 1)], stocks, null))).to.deep.equal({ 10: [{ lineIndex: 0, quantity: 1 }] });
  });

  it('refuses with 409 insufficient_stock, naming the listing SKU and what is available, when all warehouses together fall short', () => {
    const stocks = [stock(1, 10, 2, '浙江省', '杭州市'), stock(1, 11, 1, '广东省', '广州市')];
    try {
      allocate([line(0, 1, 4)], stocks, hangzhou);
      expect.fail('allocated more than the stock');
    } catch (err) {
      expect(err).to.be.instanceOf(AppError);
      expect(err).to.deep.include({ status: 409, code: 'insufficient_stock' });
      expect((err as AppError).details).to.deep.equal({ skuId: 101, requested: 4, available: 3 });
    }
  });

  it('keeps each line\'s units to its own SKU\'s stock when lines share a warehouse', () => {
    const stocks = [stock(1, 10, 2, '浙江省', '杭州市'), stock(2, 10, 2, '浙江省', '杭州市')];
    expect(parts(allocate([line(0, 1, 2), line(1, 2, 2)], stocks, hangzhou))).to.deep.equal({ 10: [{ lineIndex: 0, quantity: 2 }, { lineIndex: 1, quantity: 2 }] });
  });
});

describe('spreading a discount over lines', () => {
  it('gives each line its share by subtotal and the last line the remainder, so the shares add up exactly', () => {
    const shares = spread(100, [line(0, 1, 1, 1000), line(1, 2, 1, 1000), line(2, 3, 1, 1000)]);
    expect(shares).to.deep.equal([33, 33, 34]);
    expect(shares.reduce((a, b) => a + b, 0)).to.equal(100);
  });

  it('spreads nothing when there is nothing to spread or nothing to spread it over', () => {
    expect(spread(0, [line(0, 1, 1)])).to.deep.equal([0]);
    expect(spread(100, [line(0, 1, 1, 0)])).to.deep.equal([0]);
  });
});
