export default {
  phoneOrNickname: '手机号或昵称',
  phone: '手机',
  nickname: '昵称',
  wechat: '微信',
  status: '状态',
  joined: '注册',
  lastSignIn: '最近登录',
  search: '搜索',
  phoneNumbersAreMasked: '手机号已脱敏',
  bound: '已绑定',
};
