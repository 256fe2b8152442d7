/**
 * The demo's customer service: each shop gets a 客服 (the built-in customer-service role), online,
 * with the shop's canned replies and summary tags, and one conversation a shopper started from a
 * product page, already answered. The desk and tags go through the API; the chat itself speaks
 * socket.io, which the seed's loopback server does not carry, so its messages go through the chat
 * service as the socket handlers call it, under the shopper's and the agent's own sessions.
 */
import { actorFromToken } from '../core/auth/index.js';
import { createContext, runInContext, withActor, withTenant, type Ctx } from '../core/context.js';
import { tenantForId } from '../core/tenancy.js';
import { openConversation, sendMessage } from '../modules/chat/index.js';
import type { DemoApi } from './client.js';
import type { SeededShop } from './shops.js';
import type { DemoShopper } from './shoppers-orders.js';

export const DEMO_AGENT_PASSWORD = 'Kefu#2026';

const CANNED = [
  { shortcut: 'hi', text: '亲，您好！我是本店客服，很高兴为您服务，请问有什么可以帮您？' },
  { shortcut: 'ship', text: '亲，下单后 48 小时内发货，发货后可在「我的订单」查看物流。' },
  { shortcut: 'bye', text: '感谢您的耐心，祝您生活愉快！有问题随时找我们哦～' },
];
const TAGS = ['商品咨询', '物流查询', '售后退换', '其他'];

/** The context a socket of this session gets at its handshake. */
async function sessionCtx(token: string): Promise<Ctx> {
  const actor = await actorFromToken(token);
  const tenant = actor && 'tenantId' in actor ? await tenantForId(actor.tenantId) : null;
  if (!actor || !tenant) throw new Error('demo chat: a session of the shop could not be read');
  return withActor(withTenant(createContext({}), tenant), actor);
}

export async function seedChat(api: DemoApi, shop: SeededShop, people: DemoShopper[]): Promise<number | null> {
  const slug = shop.plan.slug;
  const roles = (await shop.owner.get('/admin/roles')).items as Array<{ id: number; code: string | null }>;
  const role = roles.find((r) => r.code === 'agent');
  const buyer = people[0];
  const listing = [...shop.listings.values()][0];
  if (!role || !buyer || !listing) return null;
  const email = `kefu@${slug}.demo`;
  await shop.owner.post('/admin/staff', { email, name: '客服小美', roleId: role.id, password: DEMO_AGENT_PASSWORD });
  const agentToken = (await api.shop(slug).post('/admin/auth/login', { email, password: DEMO_AGENT_PASSWORD })).token as string;
  const agent = api.shop(slug, agentToken);
  await agent.put('/admin/chat/me', { status: 'online' });
  for (const reply of CANNED) await shop.owner.post('/admin/chat/canned-replies', reply);
  for (const name of TAGS) await shop.owner.post('/admin/chat/tags', { name });

  const shopperToken = (await api.shop(slug).post('/shop/auth/login', { phone: buyer.phone, password: buyer.password })).token as string;
  const shopperCtx = await sessionCtx(shopperToken);
  const conversationId = (await runInContext(shopperCtx, () => openConversation(shopperCtx, { type: 'product', id: listing.id }))).id;
  await agent.post(`/admin/conversations/${conversationId}/accept`);
  const agentCtx = await sessionCtx(agentToken);
  const lines: Array<[Ctx, string]> = [
    [shopperCtx, `你好，${listing.title} 现在下单什么时候能发货？`],
    [agentCtx, CANNED[0]!.text],
    [agentCtx, CANNED[1]!.text],
    [shopperCtx, '好的，谢谢～ 😊'],
  ];
  for (const [ctx, text] of lines) await runInContext(ctx, () => sendMessage(ctx, { conversationId, type: 'text', text }));
  return conversationId;
}

