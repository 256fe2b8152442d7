/** The chat module's public surface: the auto-reply extension point. */
export { autoReplyHook, type AutoReply } from './hooks.js';
export { chatSettings, type ChatSettings } from './settings.js';
// the demo seed chats in-process as the socket handlers do (its loopback server carries no socket.io)
export { openConversation } from './conversations.js';
export { sendMessage } from './messages.js';
