/** Words of the chat both apps show (message list, emoji, cards); each app adds its own screens' words in its `chat` area. */
export default {
  bubble: {
    auto: '自动回复',
    read: '已读',
    unread: '未读',
    sending: '发送中…',
    failed: '发送失败，点击重试',
    typing: '对方正在输入…',
    older: '上滑查看更早的消息',
    loading: '加载中…',
    image: '图片',
    orderNo: '订单号 {no}',
    shopperInitial: '客',
    agentInitial: '服',
    systemInitial: '系',
  },
};
