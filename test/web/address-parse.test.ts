/** Paste-to-fill (web/shared/address-parse.ts): real-looking pasted lines split into name, phone, district and the rest. No browser. */
import { expect } from 'chai';
import { parseAddress } from '../../web/shared/address-parse.js';

/** [line, name, phone, district code, detail] */
const lines: Array<[string, string | undefined, string | undefined, string | undefined, string | undefined]> = [
  ['张三 13800138000 浙江省杭州市西湖区文三路 100 号', '张三', '13800138000', '330106', '文三路 100 号'],
  ['收货人：李四，电话：139-0013-9000，地址：上海市浦东新区世纪大道 1 号', '李四', '13900139000', '310115', '世纪大道 1 号'],
  ['王五，13700137000，北京朝阳区建国路88号SOHO现代城A座1001', '王五', '13700137000', '110105', '建国路88号SOHO现代城A座1001'],
  ['浙江 杭州 余杭区 五常街道文一西路969号 赵六 15900159000', '赵六', '15900159000', '330110', '五常街道文一西路969号'],
  ['广东省深圳市南山区科技园科苑路15号 孙七 186 0018 6000', '孙七', '18600186000', '440305', '科苑路15号'.replace('科苑路', '科技园科苑路')],
  ['收件人: 周八\n手机号码: +86 13512345678\n所在地区: 四川省 成都市 武侯区\n详细地址: 人民南路四段 27 号', '周八', '13512345678', '510107', '人民南路四段 27 号'],
  ['吴九 18912345678 杭州市滨江区网商路699号', '吴九', '18912345678', '330108', '网商路699号'],
  ['郑十，13312345678，重庆渝中区解放碑民权路 28 号', '郑十', '13312345678', '500103', '解放碑民权路 28 号'],
  ['姓名：欧阳娜娜；电话：17712345678；地址：新疆乌鲁木齐市天山区光明路 5 号；邮编：830002', '欧阳娜娜', '17712345678', '650102', '光明路 5 号'],
  ['Ｔｏｍ　１５８００１５８０００　江苏南京鼓楼区中山北路１号', 'Tom', '15800158000', '320106', '中山北路1号'],
  ['钱多多 13612345678 吉林省延边朝鲜族自治州延吉市人民路 10 号', '钱多多', '13612345678', '222401', '人民路 10 号'],
  ['冯小刚 13812345678 湖北省仙桃市干河街道 8 号', '冯小刚', '13812345678', '429004', '干河街道 8 号'],
  ['陈一 13912345678 火星基地 1 号', '陈一', '13912345678', undefined, '火星基地 1 号'],
];

describe('pasting an address fills the form', () => {
  for (const [line, name, phone, code, detail] of lines) {
    it(`splits "${line.replace(/\n/g, ' / ')}"`, () => {
      const parsed = parseAddress(line);
      expect(parsed.name, 'name').to.equal(name);
      expect(parsed.phone, 'phone').to.equal(phone);
      expect(parsed.region?.code, 'district').to.equal(code);
      expect(parsed.detail, 'detail').to.equal(detail);
    });
  }

  it('names the province and city when the district is not recognised', () => {
    const parsed = parseAddress('李雷 13800138000 浙江省杭州市某某开发区 9 号');
    expect(parsed.region).to.equal(undefined);
    expect(parsed.partial).to.deep.equal({ province: '浙江省', city: '杭州市' });
  });

  it('gives the names of a municipality\'s district as the region data has them', () => {
    expect(parseAddress('上海市浦东新区世纪大道 1 号').region).to.deep.equal({ code: '310115', province: '上海市', city: '上海市', district: '浦东新区' });
  });

  it('finds nothing in an empty or unrelated paste', () => {
    expect(parseAddress('')).to.deep.equal({});
    expect(parseAddress('   ').region).to.equal(undefined);
  });
});
