export default {
  product: '商品',
  rating: '评分',
  review: '评价',
  reply: '回复评价',
  reply2: '回复',
  replied: '已回复',
  unrepliedOnly: '只看未回复',
  anonymous: '匿名',
  replyText: '回复：{reply}',
  replyOnce: '回复（只能回复一次）',
};
