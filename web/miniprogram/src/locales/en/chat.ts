/** Customer service (pages/chat); message bubbles' words are the shared `chat` area's. */
export default {
  /** The product page's button. */
  entry: 'Service',
  title: 'Customer service',
  connecting: 'Connecting…',
  reconnecting: 'Connection lost, reconnecting…',
  queued: 'In the queue: {n} ahead of you',
  queuedNext: 'An agent will be with you shortly',
  leftMessage: 'No agent is online. Leave a message and we will reply soon',
  serving: '{name} is serving you',
  closed: 'This conversation has ended',
  placeholder: 'Type a message…',
  send: 'Send',
  image: 'Image',
  product: 'Product',
  order: 'Order',
  sendFailed: 'Not sent',
  unauthenticated: 'Please sign in first',
  uploadFailed: 'Image upload failed',
  me: 'Me',
  agent: 'Agent',
  system: 'System',
};
