/** The chat module's public surface: the auto-reply extension point. */
export { autoReplyHook, type AutoReply } from './hooks.js';
export { chatSettings, type ChatSettings } from './settings.js';
