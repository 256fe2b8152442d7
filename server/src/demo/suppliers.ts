/**
 * The demo's supply side: three suppliers a merchant would recognise (a tea estate in Fujian, a
 * ceramics studio in Jingdezhen, a snack maker in Hangzhou), each applying with its qualification
 * documents, approved by the operator, with a warehouse and a freight template.
 */
import { creditCodeCheckChar } from '../modules/suppliers/index.js';
import type { Caller, DemoApi } from './client.js';
import { documentScan } from './images.js';

export const DEMO_SUPPLIER_PASSWORD = 'Supply#2026';

export interface SupplierSpec {
  key: 'tea' | 'ceramics' | 'snacks';
  companyName: string;
  contactName: string;
  contactPhone: string;
  email: string;
  /** The first 17 characters of its unified social credit code; the check character is computed. */
  codeBody: string;
  legalPerson: string;
  scope: string;
  address: string;
  foodPermit: boolean;
  warehouse: { name: string; province: string; city: string; district: string; address: string };
  freight: { name: string; firstFee: number; additionalFee: number; freeThreshold: number };
}

export const DEMO_SUPPLIERS: readonly SupplierSpec[] = [
  {
    key: 'tea',
    companyName: '福建武夷山云岩茶业有限公司',
    contactName: '林建华',
    contactPhone: '13705990101',
    email: 'tea@supplier.test',
    codeBody: '91350782MA2Y8K3Q7',
    legalPerson: '林建华',
    scope: '茶叶种植、加工、销售；预包装食品销售',
    address: '福建省南平市武夷山市星村镇桐木村 18 号',
    foodPermit: true,
    warehouse: { name: '武夷山产地仓', province: '福建省', city: '南平市', district: '武夷山市', address: '星村镇茶博园 3 号库' },
    freight: { name: '茶叶 满 99 包邮', firstFee: 800, additionalFee: 200, freeThreshold: 9900 },
  },
  {
    key: 'ceramics',
    companyName: '景德镇青木陶瓷工作室',
    contactName: '周青木',
    contactPhone: '13907980202',
    email: 'ceramics@supplier.test',
    codeBody: '92360200MA3T5R8W2',
    legalPerson: '周青木',
    scope: '日用陶瓷制品制造、销售；工艺美术品设计',
    address: '江西省景德镇市珠山区陶溪川文创街区 B2 栋',
    foodPermit: false,
    warehouse: { name: '景德镇工作室仓', province: '江西省', city: '景德镇市', district: '珠山区', address: '陶溪川文创街区 B2 栋一层' },
    freight: { name: '瓷器 防震包装', firstFee: 1200, additionalFee: 500, freeThreshold: 19900 },
  },
  {
    key: 'snacks',
    companyName: '杭州知味坊食品有限公司',
    contactName: '沈晓梅',
    contactPhone: '13857100303',
    email: 'snacks@supplier.test',
    codeBody: '91330110MA2H6D4N1',
    legalPerson: '沈国平',
    scope: '食品生产；食品经营；农副产品销售',
    address: '浙江省杭州市余杭区良渚街道食品产业园 6 号',
    foodPermit: true,
    warehouse: { name: '杭州余杭仓', province: '浙江省', city: '杭州市', district: '余杭区', address: '良渚街道食品产业园 6 号' },
    freight: { name: '零食 满 59 包邮', firstFee: 600, additionalFee: 100, freeThreshold: 5900 },
  },
];

/** A valid 18-character code from a 17-character body (its last digit moved until a check character exists). */
export function creditCode(body: string): string {
  for (let d = 0; d < 10; d++) {
    const first17 = body.slice(0, 16) + String((Number(body[16]) + d) % 10);
    const check = creditCodeCheckChar(first17);
    if (check) return first17 + check;
  }
  throw new Error(`no credit code for ${body}`);
}

export interface SeededSupplier {
  spec: SupplierSpec;
  id: number;
  token: string;
  warehouseId: number;
  freightTemplateId: number;
}

async function documentsOf(api: Caller, spec: SupplierSpec, code: string) {
  const docs = [
    { type: 'business_license' as const, name: '营业执照', title: '营业执照', lines: [`类型：${spec.key === 'ceramics' ? '个体工商户' : '有限责任公司'}`, `法定代表人：${spec.legalPerson}`, `经营范围：${spec.scope}`, `住所：${spec.address}`] },
    ...(spec.foodPermit ? [{ type: 'food_permit' as const, name: '食品经营许可证', title: '食品经营许可证', lines: [`经营者名称：${spec.companyName}`, '主体业态：食品生产经营', '经营项目：预包装食品销售（含冷藏冷冻食品）', '有效期至：2031 年 06 月 30 日'] }] : []),
    ...(spec.key === 'ceramics' ? [{ type: 'other' as const, name: '非遗传承工作室证书', title: '传承工作室', lines: ['项目：景德镇手工制瓷技艺', `工作室：${spec.companyName}`, '认定单位：景德镇市陶瓷文化传承中心', '编号：JDZ-2024-0186'] }] : []),
  ];
  return Promise.all(
    docs.map(async (d) => ({
      type: d.type,
      name: d.name,
      url: await api.upload(await documentScan({ title: d.title, company: spec.companyName, code, lines: d.lines }), `${d.name}.jpg`, 'image/jpeg'),
    })),
  );
}

/** Applies, uploads the documents, is approved, and sets up shipping: one supplier ready to list. */
async function seedSupplier(api: DemoApi, operator: Caller, spec: SupplierSpec): Promise<SeededSupplier> {
  const code = creditCode(spec.codeBody);
  const applied = await api.platform().post('/suppliers/apply', { companyName: spec.companyName, licenseNo: code, contactName: spec.contactName, contactPhone: spec.contactPhone, email: spec.email, password: DEMO_SUPPLIER_PASSWORD });
  const me = api.platform(applied.token as string);
  await me.post('/supplier/documents', { documents: await documentsOf(me, spec, code) });
  await operator.post(`/platform/suppliers/${applied.supplier.id}/approve`);
  const warehouse = await me.post('/supplier/warehouses', spec.warehouse);
  const template = await me.post('/supplier/freight-templates', {
    name: spec.freight.name,
    mode: 'piece',
    defaultRule: { first: 1, firstFee: spec.freight.firstFee, additional: 1, additionalFee: spec.freight.additionalFee },
    regionRules: [{ provinces: ['新疆维吾尔自治区', '西藏自治区', '青海省'], first: 1, firstFee: spec.freight.firstFee + 1500, additional: 1, additionalFee: spec.freight.additionalFee + 500 }],
    freeThreshold: spec.freight.freeThreshold,
    isDefault: true,
  });
  return { spec, id: applied.supplier.id, token: applied.token, warehouseId: warehouse.id, freightTemplateId: template.id };
}

export async function seedSuppliers(api: DemoApi, operator: Caller): Promise<Map<SupplierSpec['key'], SeededSupplier>> {
  const seeded = await Promise.all(DEMO_SUPPLIERS.map((spec) => seedSupplier(api, operator, spec)));
  return new Map(seeded.map((s) => [s.spec.key, s]));
}
