/** The storefront's chat: its live connection seen as a chat socket (signed in only), and the shopper's history route. */
import { chatSocket, type ChatSocket } from '../../shared/chat/connection';
import type { ChatHistory } from '../../shared/chat/types';
import { api, shopperToken } from './api';
import { live } from './realtime';

export function shopperChatSocket(): ChatSocket | null {
  return shopperToken.get() ? chatSocket(live) : null;
}

export const shopperHistory = (conversationId: number, query: { before?: number; after?: number; limit?: number }) =>
  api.get<ChatHistory>(`/shop/conversations/${conversationId}/messages`, query);
