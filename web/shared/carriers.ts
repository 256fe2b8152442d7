/**
 * The carriers the consoles and the storefront offer in their pickers; the API takes the code (or
 * any other name typed), and screens show the name back from the code.
 */
export const carriers = [
  { code: 'shunfeng', name: '顺丰速运' },
  { code: 'zhongtong', name: '中通快递' },
  { code: 'yuantong', name: '圆通速递' },
  { code: 'yunda', name: '韵达快递' },
  { code: 'shentong', name: '申通快递' },
  { code: 'jtexpress', name: '极兔速递' },
  { code: 'jd', name: '京东物流' },
  { code: 'ems', name: 'EMS' },
  { code: 'youzhengguonei', name: '邮政快递包裹' },
  { code: 'debangkuaidi', name: '德邦快递' },
];

/** "shunfeng" -> "顺丰速运"; a carrier typed by hand is shown as typed. */
export const carrierName = (code: string | null | undefined): string => (code ? (carriers.find((c) => c.code === code)?.name ?? code) : '');
