/** The address book: districts by code from the region data set, names derived; older addresses without codes keep working. */
import { expect } from 'chai';
import { shopApi } from '../../support/http.js';
import { merchant, shopper, type TestMerchant, type TestShopper } from '../../factories/index.js';

describe('address book with region codes', () => {
  let m: TestMerchant;
  let s: TestShopper;
  const book = () => shopApi(m.slug, s.token);

  before(async () => {
    m = await merchant();
    s = await shopper(m.slug);
  });

  it('derives province, city and district from the district code and ignores names sent beside it', async () => {
    const res = await book().post('/shop/addresses').send({ name: '张三', phone: '13800138000', regionCode: '330106', province: '假省', detail: '文三路 100 号' });
    expect(res.status).to.equal(201);
    expect(res.body).to.include({ regionCode: '330106', province: '浙江省', city: '杭州市', district: '西湖区', isDefault: true });
  });

  it('names a municipality\'s district under the municipality', async () => {
    const res = await book().post('/shop/addresses').send({ name: '李四', phone: '13900139000', regionCode: '310115', detail: '世纪大道 1 号' });
    expect(res.body).to.include({ province: '上海市', city: '上海市', district: '浦东新区' });
    const county = await book().post('/shop/addresses').send({ name: '王五', phone: '13700137000', regionCode: '500229', detail: '城口路 2 号' });
    expect(county.body).to.include({ province: '重庆市', city: '重庆市', district: '城口县' });
  });

  it('refuses a code that is no district, naming the field', async () => {
    for (const regionCode of ['330100', '999999', '33010']) {
      const res = await book().post('/shop/addresses').send({ name: '张三', phone: '13800138000', regionCode, detail: '文三路 100 号' });
      expect(res.status, regionCode).to.equal(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).to.deep.equal(['regionCode']);
    }
  });

  it('keeps addresses without a code: names alone are still accepted, and each missing one is named', async () => {
    const old = await book().post('/shop/addresses').send({ name: '赵六', phone: '13600136000', province: '广东省', city: '深圳市', district: '南山区', detail: '科技园 3 栋' });
    expect(old.status).to.equal(201);
    expect(old.body).to.include({ regionCode: null, province: '广东省' });
    const missing = await book().post('/shop/addresses').send({ name: '赵六', phone: '13600136000', detail: '科技园 3 栋' });
    expect(missing.status).to.equal(400);
    expect(missing.body.error.details.map((d: { field: string }) => d.field).sort()).to.deep.equal(['city', 'district', 'province']);
  });

  it('gives an old address a code on edit, and drops the code when names are changed by hand', async () => {
    const old = await book().post('/shop/addresses').send({ name: '钱七', phone: '13500135000', province: '江苏省', city: '南京市', district: '玄武区', detail: '中山路 1 号' });
    const coded = await book().put(`/shop/addresses/${old.body.id}`).send({ regionCode: '320106' });
    expect(coded.body).to.include({ regionCode: '320106', province: '江苏省', city: '南京市', district: '鼓楼区' });
    const byHand = await book().put(`/shop/addresses/${old.body.id}`).send({ district: '秦淮区' });
    expect(byHand.body).to.include({ regionCode: null, district: '秦淮区' });
    const listed = (await book().get('/shop/addresses')).body.items.find((a: { id: number }) => a.id === old.body.id);
    expect(listed).to.include({ regionCode: null, city: '南京市', district: '秦淮区' });
  });

  it('ships an order to a coded address by its names', async () => {
    const a = (await book().get('/shop/addresses')).body.items.find((x: { regionCode: string | null }) => x.regionCode === '330106');
    const quote = await book().post('/shop/orders/quote').send({ items: [{ skuId: 999999, quantity: 1 }], addressId: a.id });
    // no such SKU: the address itself was accepted (the refusal names the item, not the address)
    expect(quote.body.error.details[0].field).to.equal('items[0].skuId');
  });
});
