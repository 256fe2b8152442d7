export default {
  email: '邮箱',
  name: '名字',
  role: '角色',
  shop: '店铺',
  company: '公司',
  current: '当前密码',
  new: '新密码',
  save: '保存',
  toChangeYourPassword: '如需修改密码，请退出后使用「忘记密码」。',
  signOut: '退出登录',
  passwordChangedOtherSessions: '密码已修改，其他设备已退出',
  changePassword: '修改密码',
};
