/** Words of the chat both apps show (message list, emoji, cards); each app adds its own screens' words in its `chat` area. */
export default {
  bubble: {
    auto: 'Auto reply',
    read: 'Read',
    unread: 'Unread',
    sending: 'Sending…',
    failed: 'Not sent, tap to retry',
    typing: 'Typing…',
    older: 'Scroll up for earlier messages',
    loading: 'Loading…',
    image: 'Image',
    orderNo: 'Order {no}',
    shopperInitial: 'C',
    agentInitial: 'S',
    systemInitial: 'i',
  },
};
