export default {
  shunfeng: 'SF Express',
  zhongtong: 'ZTO Express',
  yuantong: 'YTO Express',
  yunda: 'Yunda Express',
  shentong: 'STO Express',
  jtexpress: 'J&T Express',
  jd: 'JD Logistics',
  ems: 'EMS',
  youzhengguonei: 'China Post parcel',
  debangkuaidi: 'Deppon Express',
};
