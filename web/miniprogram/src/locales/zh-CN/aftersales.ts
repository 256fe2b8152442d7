/** The after-sales page (pages/aftersale): the request form and the order's cases; types, reasons and stages are the shared area's. */
export default {
  form: {
    title: '申请售后',
    type: '售后类型',
    goods: '选择商品',
    reason: '申请原因',
    reasonRequired: '请选择申请原因',
    description: '问题描述',
    descriptionPlaceholder: '选填，描述一下遇到的问题',
    amount: '退款金额',
    amountHint: '最多可退 {amount}',
    amountTooHigh: '退款金额不能超过 {amount}',
    noMoney: '换货和维修不涉及退款',
    pickGoods: '请选择要售后的商品',
    available: '可申请 {n} 件',
    held: '已在售后中',
    noneLeft: '无可申请数量',
    notShipped: '未发货，仅可退款',
    submit: '提交申请',
    sent: '申请已提交',
  },
  list: {
    title: '售后记录',
    none: '暂无售后记录',
    amount: '退款金额 {amount}',
  },
};
