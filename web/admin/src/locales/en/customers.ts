export default {
  phoneOrNickname: 'Phone or nickname',
  phone: 'Phone',
  nickname: 'Nickname',
  wechat: 'WeChat',
  status: 'Status',
  joined: 'Joined',
  lastSignIn: 'Last sign-in',
  search: 'Search',
  phoneNumbersAreMasked: 'Phone numbers are masked for your role',
  bound: 'Linked',
};
