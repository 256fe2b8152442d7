/** Customer service (pages/chat); message bubbles' words are the shared `chat` area's. */
export default {
  /** The product page's button. */
  entry: '客服',
  title: '在线客服',
  connecting: '正在连接客服…',
  reconnecting: '连接已断开，正在重连…',
  queued: '正在排队，前面还有 {n} 人',
  queuedNext: '马上为您接入客服',
  leftMessage: '客服暂时不在线，请留言，客服上线后会尽快回复',
  serving: '客服 {name} 为您服务',
  closed: '本次会话已结束',
  placeholder: '请输入消息…',
  send: '发送',
  image: '图片',
  product: '商品',
  order: '订单',
  sendFailed: '发送失败',
  unauthenticated: '请先登录',
  uploadFailed: '图片上传失败',
  me: '我',
  agent: '客服',
  system: '系统',
};
