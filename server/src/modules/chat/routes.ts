import { z } from 'zod';
import { routeGroup } from '../../core/http.js';
import type { ShopperCtx } from './access.js';
import { agentView, agentId, listAgents, changeAgent } from './agents.js';
import {
  acceptConversation,
  agentConversations,
  closeByAgent,
  currentConversation,
  customerPanel,
  oneConversation,
  rateConversation,
  shopperConversations,
  transferConversation,
} from './conversations.js';
import { addCannedReply, addTag, cannedReplies, changeCannedReply, overview, removeCannedReply, removeTag, summaryTags } from './desk.js';
import { history } from './messages.js';
import { drainQueue } from './routing.js';
import {
  agentChange,
  agentSchema,
  cannedQuery,
  cannedReplyBody,
  cannedReplyChange,
  cannedReplySchema,
  closeBody,
  conversationListQuery,
  conversationSchema,
  customerPanelSchema,
  historyQuery,
  historySchema,
  overviewSchema,
  ratingBody,
  ratingSchema,
  shopperListQuery,
  tagBody,
  tagSchema,
  transferBody,
} from './schemas.js';

const route = routeGroup();
export const chatRoutes = route.list;

const tags = ['chat'];
const serve = ['serve', 'Conversation'] as const;
const supervise = ['supervise', 'Conversation'] as const;
const page = (item: z.ZodType) => z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
const done = z.object({ ok: z.literal(true) });

// ---- shopper ----

route({
  method: 'get', path: '/shop/conversations/current', tags, summary: 'The open conversation with the shop, if any (after a page reload)', tenant: true, auth: 'shopper',
  response: conversationSchema.nullable(),
  handler: (ctx) => currentConversation(ctx as ShopperCtx),
});

route({
  method: 'get', path: '/shop/conversations', tags, summary: 'My conversations with the shop, newest first', tenant: true, auth: 'shopper',
  query: shopperListQuery, response: page(conversationSchema),
  handler: (ctx, { query }) => shopperConversations(ctx as ShopperCtx, query),
});

route({
  method: 'get', path: '/shop/conversations/:id/messages', tags, summary: 'History of my conversation: before a sequence (paged back) or after one (catch-up)', tenant: true, auth: 'shopper',
  resources: { id: 'conversation' }, query: historyQuery, response: historySchema,
  handler: (ctx, { params, query }) => history(ctx, params.id, query),
});

route({
  method: 'post', path: '/shop/conversations/:id/rating', tags, summary: 'Rate a closed conversation (once)', tenant: true, auth: 'shopper', status: 201,
  resources: { id: 'conversation' }, body: ratingBody, example: { score: 5, comment: '很耐心' }, response: ratingSchema,
  handler: (ctx, { params, body }) => rateConversation(ctx as ShopperCtx, params.id, body.score, body.comment),
});

// ---- agents ----

route({
  method: 'get', path: '/admin/chat/me', tags, summary: 'My status, capacity and load as an agent', tenant: true, auth: 'merchant', permission: serve,
  response: agentSchema,
  handler: (ctx) => agentView(ctx, agentId(ctx)),
});

route({
  method: 'put', path: '/admin/chat/me', tags, summary: 'Set my status (online, away, offline) and capacity', tenant: true, auth: 'merchant', permission: serve,
  body: agentChange, response: agentSchema,
  handler: async (ctx, { body }) => {
    const { agent, roomMore } = await changeAgent(ctx, body);
    if (roomMore) await drainQueue(ctx);
    return agent;
  },
});

route({
  method: 'get', path: '/admin/chat/agents', tags, summary: "The shop's agents with their status and load (to transfer to)", tenant: true, auth: 'merchant', permission: serve,
  response: z.array(agentSchema),
  handler: (ctx) => listAgents(ctx),
});

route({
  method: 'get', path: '/admin/chat/overview', tags, summary: "Supervisor's live figures: agents, queue, today's conversations, first response, rating", tenant: true, auth: 'merchant', permission: supervise,
  response: overviewSchema,
  handler: (ctx) => overview(ctx),
});

route({
  method: 'get', path: '/admin/conversations', tags, summary: 'Conversations: mine, the queue, or all (supervisors)', tenant: true, auth: 'merchant', permission: serve,
  query: conversationListQuery, response: page(conversationSchema),
  handler: (ctx, { query }) => agentConversations(ctx, query),
});

route({
  method: 'get', path: '/admin/conversations/:id', tags, summary: 'One conversation', tenant: true, auth: 'merchant', permission: serve,
  resources: { id: 'conversation' }, response: conversationSchema,
  handler: (ctx, { params }) => oneConversation(ctx, params.id),
});

route({
  method: 'get', path: '/admin/conversations/:id/messages', tags, summary: 'History of a conversation: before a sequence (paged back) or after one (catch-up)', tenant: true, auth: 'merchant', permission: serve,
  resources: { id: 'conversation' }, query: historyQuery, response: historySchema,
  handler: (ctx, { params, query }) => history(ctx, params.id, query),
});

route({
  method: 'get', path: '/admin/conversations/:id/customer', tags, summary: "The shopper's profile and latest orders, for the side panel", tenant: true, auth: 'merchant', permission: serve,
  resources: { id: 'conversation' }, response: customerPanelSchema,
  handler: (ctx, { params }) => customerPanel(ctx, params.id),
});

route({
  method: 'post', path: '/admin/conversations/:id/accept', tags, summary: 'Take a waiting conversation from the queue', tenant: true, auth: 'merchant', permission: serve,
  resources: { id: 'conversation' }, response: conversationSchema,
  handler: (ctx, { params }) => acceptConversation(ctx, params.id),
});

route({
  method: 'post', path: '/admin/conversations/:id/transfer', tags, summary: 'Hand a conversation to another agent, or back to the queue', tenant: true, auth: 'merchant', permission: serve,
  resources: { id: 'conversation' }, body: transferBody, example: {}, response: conversationSchema,
  handler: (ctx, { params, body }) => transferConversation(ctx, params.id, body.agentId),
});

route({
  method: 'post', path: '/admin/conversations/:id/close', tags, summary: 'Close a conversation with a summary tag', tenant: true, auth: 'merchant', permission: serve,
  resources: { id: 'conversation' }, body: closeBody, example: { tag: '物流咨询' }, response: conversationSchema,
  handler: (ctx, { params, body }) => closeByAgent(ctx, params.id, body.tag),
});

// ---- canned replies and tags ----

route({
  method: 'get', path: '/admin/chat/canned-replies', tags, summary: 'Canned replies of the shop (search by shortcut or text)', tenant: true, auth: 'merchant', permission: serve,
  query: cannedQuery, response: z.array(cannedReplySchema),
  handler: (ctx, { query }) => cannedReplies(ctx, query.q),
});

route({
  method: 'post', path: '/admin/chat/canned-replies', tags, summary: 'Add a canned reply', tenant: true, auth: 'merchant', permission: supervise, status: 201,
  body: cannedReplyBody, response: cannedReplySchema,
  handler: (ctx, { body }) => addCannedReply(ctx, body),
});

route({
  method: 'put', path: '/admin/chat/canned-replies/:id', tags, summary: 'Change a canned reply', tenant: true, auth: 'merchant', permission: supervise,
  resources: { id: 'cannedReply' }, body: cannedReplyChange, example: { text: '亲，已为您加急处理' }, response: cannedReplySchema,
  handler: (ctx, { params, body }) => changeCannedReply(ctx, params.id, body),
});

route({
  method: 'delete', path: '/admin/chat/canned-replies/:id', tags, summary: 'Remove a canned reply', tenant: true, auth: 'merchant', permission: supervise,
  resources: { id: 'cannedReply' }, response: done,
  handler: async (ctx, { params }) => {
    await removeCannedReply(ctx, params.id);
    return { ok: true as const };
  },
});

route({
  method: 'get', path: '/admin/chat/tags', tags, summary: 'Summary tags for closing conversations', tenant: true, auth: 'merchant', permission: serve,
  response: z.array(tagSchema),
  handler: (ctx) => summaryTags(ctx),
});

route({
  method: 'post', path: '/admin/chat/tags', tags, summary: 'Add a summary tag', tenant: true, auth: 'merchant', permission: supervise, status: 201,
  body: tagBody, response: tagSchema,
  handler: (ctx, { body }) => addTag(ctx, body.name),
});

route({
  method: 'delete', path: '/admin/chat/tags/:id', tags, summary: 'Remove a summary tag', tenant: true, auth: 'merchant', permission: supervise,
  resources: { id: 'chatTag' }, response: done,
  handler: async (ctx, { params }) => {
    await removeTag(ctx, params.id);
    return { ok: true as const };
  },
});
