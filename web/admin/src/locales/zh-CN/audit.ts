export default {
  actionEGStaff: '动作',
  actor: '操作人类型',
  idTenant: '租户',
  time: '时间',
  tenant: '租户',
  actor2: '操作人',
  action: '动作',
  target: '对象',
  details: '详情',
  search: '查询',
};
