export default {
  sameCity: '同城配送',
  sameCityFrom: '由{store}配送（距收货地址 {distance}）',
  pickup: '门店自提',
  hours: '营业时间 {hours}',
  lacking: '该门店库存不足',
  none: '暂无可自提的门店',
  hint: '下单后凭取货码到所选门店取货',
  choose: '请选择自提门店',
};
