import { type AppError, conflict, forbidden, notFound, rateLimited, ValidationError } from '../../core/errors.js';

export const chatErrors = {
  conversationNotFound: () => notFound('Conversation'),
  cannedReplyNotFound: () => notFound('Canned reply'),
  tagNotFound: () => notFound('Tag'),
  notAnAgent: () => forbidden('Only customer service staff may do this'),
  notYours: () => forbidden('This conversation is assigned to another agent'),
  notSupervisor: () => forbidden('Only a customer service supervisor may do this'),
  closed: () => conflict('conversation_closed', 'This conversation is closed'),
  taken: () => conflict('conversation_taken', 'Another agent has taken this conversation'),
  atCapacity: () => conflict('agent_at_capacity', 'This agent already has as many conversations as they can take'),
  agentUnavailable: () => conflict('agent_unavailable', 'That agent is not available now'),
  stillOpen: () => conflict('conversation_open', 'A conversation can be rated once it is closed'),
  alreadyRated: () => conflict('already_rated', 'This conversation has already been rated'),
  shortcutTaken: () => conflict('shortcut_taken', 'Another canned reply uses this shortcut'),
  tagTaken: () => conflict('tag_taken', 'This tag exists already'),
  notAnUpload: () => ValidationError.field('url', 'an image uploaded to this shop through POST /uploads', 'invalid_value'),
  flood: (retryAfterSeconds: number): AppError => rateLimited(retryAfterSeconds, 'rate_limited', 'Too many messages, slow down'),
};
