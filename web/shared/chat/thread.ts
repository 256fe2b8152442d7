/**
 * One conversation's messages on screen, in `seq` order, each once: the latest page from HTTP, older
 * pages on demand, new ones from `chat:message`, and after every (re)connect a `chat:sync` from the
 * last seq held, so a message sent while the socket was down is never lost. Our own messages show at
 * once (`state: 'sending'`) and are replaced by the server's copy (matched by `clientId`).
 */
import { computed, ref, shallowRef } from 'vue';
import { uuid } from '../api';
import type { ChatSocket } from './connection';
import type { ChatHistory, ChatItem, ChatMessage, ChatSide, OutgoingMessage } from './types';

export interface ThreadOptions {
  socket: ChatSocket;
  side: ChatSide;
  /** GET …/conversations/:id/messages */
  history: (conversationId: number, query: { before?: number; after?: number; limit?: number }) => Promise<ChatHistory>;
}

export function useThread({ socket, side, history }: ThreadOptions) {
  const conversationId = ref<number | null>(null);
  const items = shallowRef<ChatItem[]>([]);
  const more = ref(false);
  const loadingOlder = ref(false);
  /** The other side's read mark: our messages up to it show 已读. */
  const otherRead = ref(0);
  const otherTyping = ref(false);
  let typingTimer: ReturnType<typeof setTimeout> | undefined;

  const lastSeq = computed(() => items.value.reduce((max, m) => (m.state ? max : Math.max(max, m.seq)), 0));

  function put(incoming: ChatMessage[]): void {
    if (!incoming.length) return;
    const byId = new Map(items.value.filter((m) => !m.state).map((m) => [m.id, m as ChatItem]));
    for (const m of incoming) byId.set(m.id, m);
    const arrived = new Set(incoming.map((m) => m.clientId).filter(Boolean));
    const pending = items.value.filter((m) => m.state && !arrived.has(m.clientId));
    items.value = [...[...byId.values()].sort((a, b) => a.seq - b.seq), ...pending];
  }

  async function open(id: number, readMark = 0): Promise<void> {
    conversationId.value = id;
    items.value = [];
    readSent = 0;
    otherRead.value = readMark;
    otherTyping.value = false;
    const page = await history(id, { limit: 30 });
    if (conversationId.value !== id) return;
    put(page.items);
    more.value = page.more;
  }

  async function older(): Promise<void> {
    const id = conversationId.value;
    const first = items.value.find((m) => !m.state);
    if (!id || !more.value || loadingOlder.value || !first) return;
    loadingOlder.value = true;
    try {
      const page = await history(id, { before: first.seq, limit: 30 });
      if (conversationId.value !== id) return;
      put(page.items);
      more.value = page.more;
    } finally {
      loadingOlder.value = false;
    }
  }

  /** What was missed since the last seq held (after a reconnect). */
  async function catchUp(): Promise<void> {
    const id = conversationId.value;
    if (!id) return;
    for (let round = 0; round < 20; round++) {
      const page = await socket.ask<ChatHistory>('chat:sync', { conversationId: id, afterSeq: lastSeq.value, limit: 200 });
      if (conversationId.value !== id) return;
      put(page.items);
      if (!page.more) return;
    }
  }

  async function send(message: OutgoingMessage): Promise<void> {
    const id = conversationId.value;
    if (!id) return;
    const clientId = uuid();
    const draft: ChatItem = {
      id: 0, conversationId: id, seq: 0, sender: { kind: side, id: null }, type: message.type,
      text: message.type === 'text' ? message.text : null, url: message.type === 'image' ? message.url : null,
      card: null, auto: false, clientId, createdAt: new Date().toISOString(), state: 'sending',
    };
    items.value = [...items.value, draft];
    await deliver(draft, message);
  }

  async function deliver(draft: ChatItem, message: OutgoingMessage): Promise<void> {
    try {
      const ack = await socket.ask<{ id: number; seq: number; createdAt: string }>('chat:message', { conversationId: draft.conversationId, clientId: draft.clientId, ...message });
      // the echo of `chat:message` usually came first; if not, the ack is enough to place it
      if (items.value.some((m) => m.state && m.clientId === draft.clientId)) {
        put([{ ...draft, id: ack.id, seq: ack.seq, createdAt: ack.createdAt, state: undefined } as ChatMessage]);
        if (message.type === 'card') void catchUp(); // its rendered card comes with the server's copy
      }
    } catch (err) {
      items.value = items.value.map((m) => (m.clientId === draft.clientId && m.state ? { ...m, state: 'failed' } : m));
      throw err;
    }
  }

  /** Sends a failed message again under the same clientId (the server answers the first one if it did arrive). */
  async function retry(item: ChatItem): Promise<void> {
    items.value = items.value.map((m) => (m === item ? { ...m, state: 'sending' } : m));
    const message: OutgoingMessage = item.type === 'image' ? { type: 'image', url: item.url ?? '' } : { type: 'text', text: item.text ?? '' };
    await deliver({ ...item, state: 'sending' }, message);
  }

  /** Tells the other side how far we have read (only forward). */
  let readSent = 0;
  function markRead(): void {
    const id = conversationId.value;
    const seq = lastSeq.value;
    if (!id || seq <= readSent || document.visibilityState === 'hidden') return;
    readSent = seq;
    socket.ask('chat:read', { conversationId: id, seq }).catch(() => (readSent = 0));
  }

  const offs = [
    socket.on('chat:message', (m) => {
      if (m.conversationId !== conversationId.value) return;
      put([m]);
      if (m.sender.kind !== side) otherTyping.value = false;
    }),
    socket.on('chat:read', (e) => {
      if (e.conversationId === conversationId.value && e.reader !== side) otherRead.value = Math.max(otherRead.value, e.seq);
    }),
    socket.on('chat:typing', (e) => {
      if (e.conversationId !== conversationId.value || e.sender.kind === side) return;
      otherTyping.value = e.typing;
      clearTimeout(typingTimer);
      if (e.typing) typingTimer = setTimeout(() => (otherTyping.value = false), 6_000);
    }),
    socket.onConnect(() => void catchUp().catch(() => undefined)),
  ];

  /** Our typing state, sent at most every 3 s while it lasts. */
  let typingSentAt = 0;
  function typing(now: boolean): void {
    const id = conversationId.value;
    if (!id) return;
    if (now && Date.now() - typingSentAt < 3_000) return;
    typingSentAt = now ? Date.now() : 0;
    socket.ask('chat:typing', { conversationId: id, typing: now }).catch(() => undefined);
  }

  function dispose(): void {
    for (const off of offs) off();
    clearTimeout(typingTimer);
  }

  function reset(): void {
    conversationId.value = null;
    items.value = [];
    readSent = 0;
  }

  return { conversationId, items, more, loadingOlder, otherRead, otherTyping, lastSeq, open, older, catchUp, send, retry, markRead, typing, dispose, reset };
}

export type Thread = ReturnType<typeof useThread>;
