/** The storefront's chat connection: the shared chat socket under the shopper's token, and their history route. */
import { chatSocket, type ChatSocket } from '../../shared/chat/connection';
import type { ChatHistory } from '../../shared/chat/types';
import { api, shopperToken } from './api';

export function shopperChatSocket(): ChatSocket | null {
  const token = shopperToken.get();
  return token ? chatSocket(token) : null;
}

export const shopperHistory = (conversationId: number, query: { before?: number; after?: number; limit?: number }) =>
  api.get<ChatHistory>(`/shop/conversations/${conversationId}/messages`, query);
