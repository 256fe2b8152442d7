export default {
  product: 'Product',
  rating: 'Rating',
  review: 'Review',
  reply: 'Reply',
  reply2: 'Reply',
  replied: 'Replied',
  unrepliedOnly: 'Unreplied only',
  anonymous: 'Anonymous',
  replyText: 'Reply: {reply}',
  replyOnce: 'Reply (once only)',
};
