/** The chat shapes both apps read, inferred from the server's schemas (server/src/modules/chat/CONTEXT.md). */
import type { Reply } from '../types';
import type {
  agentSchema,
  cannedReplySchema,
  cardSchema,
  conversationSchema,
  customerPanelSchema,
  historySchema,
  messageSchema,
  overviewSchema,
  tagSchema,
} from '../../../server/src/modules/chat/schemas.js';

export type ChatMessage = Reply<typeof messageSchema>;
export type ChatCard = Reply<typeof cardSchema>;
export type Conversation = Reply<typeof conversationSchema>;
export type ChatHistory = Reply<typeof historySchema>;
export type ChatAgent = Reply<typeof agentSchema>;
export type CannedReply = Reply<typeof cannedReplySchema>;
export type ChatTag = Reply<typeof tagSchema>;
export type CustomerPanel = Reply<typeof customerPanelSchema>;
export type ChatOverview = Reply<typeof overviewSchema>;

/** Which side of the conversation this screen is. */
export type ChatSide = 'shopper' | 'agent';

/** A message on screen: one the server holds, or one of ours still on its way (`state`). */
export type ChatItem = ChatMessage & { state?: 'sending' | 'failed' };

/** What a client sends as `chat:message` (the server renders cards from `card.type` + `card.id`). */
export type OutgoingMessage =
  | { type: 'text'; text: string }
  | { type: 'image'; url: string }
  | { type: 'card'; card: { type: 'product' | 'order'; id: number } };
