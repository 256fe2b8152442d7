/**
 * One of realtime.ts's client processes: holds its share of the socket.io clients (socket.io-client,
 * websocket transport, each with its shop's Host and its own token, as a phone or a console would
 * connect) and measures what they hear. Driven over IPC:
 *
 * - `connect {sockets, concurrency}`: opens these sockets, `concurrency` handshakes in flight.
 * - `record {on}`: starts / stops keeping the delays of `order:updated` (send time in `orderNo`).
 * - `chat-open {conversations}`: the listed shoppers emit `chat:open`; agents learn their
 *   conversations from `chat:assigned` (or the ack's agent on this process).
 * - `chat-start {intervalMs}` / `chat-stop`: every shopper with a conversation and every agent,
 *   per conversation, sends a text message each `intervalMs` (phases spread at random); the text
 *   carries the send time, the peer's receipt gives the delay. The sender's own echo is not counted.
 * - `close`: disconnects everything.
 */
import { io, type Socket } from 'socket.io-client';
import { sample, wallMs } from './latency.js';

export interface ClientSocket {
  /** The benchmark's own name for it, unique over all clients. */
  key: string;
  kind: 'shopper' | 'agent';
  host: string;
  token: string;
}

type Reply<T> = { ok: true; data: T } | { error: { code: string; message: string } };

const port = Number(process.env.BENCH_SERVER_PORT);
const sockets = new Map<string, { s: Socket; kind: ClientSocket['kind'] }>();
const conversationsOf = new Map<string, Set<number>>();
let recording = false;
let orderDelays: number[] = [];
let ordersHeard = 0;
let chatDelays: number[] = [];
let chatHeard = 0;
let chatSent = 0;
let chatAcked = 0;
let chatRefused = new Map<string, number>();
let chatTimers: NodeJS.Timeout[] = [];
let chatOn = false;

function listen(key: string, s: Socket, kind: ClientSocket['kind']): void {
  s.on('order:updated', (e: { orderNo: string }) => {
    if (!recording) return;
    ordersHeard++;
    orderDelays.push(sample(wallMs() - Number(e.orderNo)));
  });
  s.on('chat:message', (m: { sender: { kind: string }; text: string | null }) => {
    if (!chatOn || m.sender.kind === kind || !m.text?.startsWith('t=')) return;
    chatHeard++;
    chatDelays.push(sample(wallMs() - Number(m.text.slice(2))));
  });
  if (kind === 'agent') s.on('chat:assigned', (e: { conversationId: number }) => conversationsOf.get(key)!.add(e.conversationId));
}

function open(c: ClientSocket): Promise<string | null> {
  return new Promise((resolve) => {
    const s = io(`http://127.0.0.1:${port}`, { path: '/socket.io', transports: ['websocket'], auth: { token: c.token }, extraHeaders: { host: c.host }, reconnection: false, forceNew: true, timeout: 60_000 });
    sockets.set(c.key, { s, kind: c.kind });
    conversationsOf.set(c.key, new Set());
    listen(c.key, s, c.kind);
    s.once('connect', () => resolve(null));
    s.once('connect_error', (err) => resolve(err.message));
  });
}

async function connectAll(list: ClientSocket[], concurrency: number): Promise<{ connected: number; failed: number; errors: Record<string, number> }> {
  let next = 0;
  let failed = 0;
  const errors: Record<string, number> = {};
  await Promise.all(
    Array.from({ length: Math.min(concurrency, list.length) }, async () => {
      while (next < list.length) {
        const err = await open(list[next++]!);
        if (err) {
          failed++;
          errors[err] = (errors[err] ?? 0) + 1;
        }
      }
    }),
  );
  return { connected: list.length - failed, failed, errors };
}

async function chatOpen(keys: string[]): Promise<{ opened: number; agents: number[]; errors: Record<string, number> }> {
  const errors: Record<string, number> = {};
  const agents: number[] = [];
  let opened = 0;
  await Promise.all(
    keys.map(async (key) => {
      const reply = (await sockets.get(key)!.s.timeout(60_000).emitWithAck('chat:open', {}).catch((e: Error) => ({ error: { code: e.message } }))) as Reply<{ id: number; status: string; agent: { id: number } | null }>;
      if ('ok' in reply) {
        conversationsOf.get(key)!.add(reply.data.id);
        if (reply.data.agent) agents.push(reply.data.agent.id);
        if (reply.data.status === 'active') opened++;
        else errors[`status ${reply.data.status}`] = (errors[`status ${reply.data.status}`] ?? 0) + 1;
      } else errors[reply.error.code] = (errors[reply.error.code] ?? 0) + 1;
    }),
  );
  return { opened, agents, errors };
}

function chatStart(intervalMs: number): void {
  chatOn = true;
  chatDelays = [];
  chatHeard = 0;
  chatSent = 0;
  chatAcked = 0;
  chatRefused = new Map();
  for (const [key, { s }] of sockets) {
    for (const conversationId of conversationsOf.get(key)!) {
      const send = () => {
        chatSent++;
        s.timeout(30_000)
          .emitWithAck('chat:message', { conversationId, type: 'text', text: `t=${wallMs()}` })
          .then((r: Reply<unknown>) => {
            if ('error' in r) chatRefused.set(r.error.code, (chatRefused.get(r.error.code) ?? 0) + 1);
            else chatAcked++;
          })
          .catch(() => chatRefused.set('ack_timeout', (chatRefused.get('ack_timeout') ?? 0) + 1));
      };
      const first = setTimeout(() => {
        send();
        chatTimers.push(setInterval(send, intervalMs));
      }, Math.random() * intervalMs);
      chatTimers.push(first);
    }
  }
}

process.on('message', async (m: { cmd: string; id: number; sockets?: ClientSocket[]; concurrency?: number; on?: boolean; keys?: string[]; intervalMs?: number }) => {
  const answer = (body: Record<string, unknown> = {}) => process.send?.({ type: 'ok', id: m.id, ...body });
  switch (m.cmd) {
    case 'connect':
      answer(await connectAll(m.sockets ?? [], m.concurrency ?? 50));
      break;
    case 'record':
      recording = !!m.on;
      if (recording) {
        orderDelays = [];
        ordersHeard = 0;
        answer();
      } else answer({ heard: ordersHeard, delays: orderDelays });
      break;
    case 'chat-open':
      answer(await chatOpen(m.keys ?? []));
      break;
    case 'chat-start':
      chatStart(m.intervalMs ?? 1000);
      answer();
      break;
    case 'chat-stop': {
      for (const t of chatTimers) clearTimeout(t);
      chatTimers = [];
      // messages in flight still arrive and count
      await new Promise((r) => setTimeout(r, 2000));
      chatOn = false;
      answer({ sent: chatSent, acked: chatAcked, heard: chatHeard, refused: Object.fromEntries(chatRefused), delays: chatDelays });
      break;
    }
    case 'close':
      for (const { s } of sockets.values()) s.close();
      sockets.clear();
      answer();
      break;
    case 'exit':
      for (const { s } of sockets.values()) s.close();
      process.exit(0);
  }
});

process.send?.({ type: 'ready', pid: process.pid });
