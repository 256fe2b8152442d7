/**
 * The agent workspace's live state: the conversation lists (mine, the queue, all for supervisors),
 * unread counts, the queue length and the agent's own status, kept current from the chat socket
 * (`chat:assigned`, `chat:conversation`, `chat:message`, `chat:desk`); the chime and notifications
 * are the console's (chat-alerts.ts), told which conversation is on screen.
 */
import { computed, reactive, ref } from 'vue';
import { chatSocket, type ChatSocket } from '../../../../../shared/chat/connection';
import type { ChatAgent, ChatHistory, ChatMessage, Conversation } from '../../../../../shared/chat/types';
import { api, type Page } from '../../../api';
import { chatOnScreen } from '../../../chat-alerts';
import { live } from '../../../realtime';
import { staffMe } from '../../../session';

export type DeskView = 'mine' | 'queue' | 'all';

export const agentHistory = (conversationId: number, query: { before?: number; after?: number; limit?: number }) =>
  api.get<ChatHistory>(`/admin/conversations/${conversationId}/messages`, query);

export function useDesk() {
  const socket: ChatSocket = chatSocket(live);
  const view = ref<DeskView>('mine');
  const lists = reactive<Record<DeskView, Conversation[]>>({ mine: [], queue: [], all: [] });
  const loading = ref(false);
  const queueLength = ref(0);
  const me = ref<ChatAgent | null>(null);
  const selectedId = ref<number | null>(null);
  /** Shopper messages not yet seen, per conversation. */
  const unread = reactive<Record<number, number>>({});
  const myId = () => staffMe()?.id ?? 0;

  const selected = computed(() => {
    const id = selectedId.value;
    return id ? (lists.mine.find((c) => c.id === id) ?? lists.queue.find((c) => c.id === id) ?? lists.all.find((c) => c.id === id) ?? null) : null;
  });
  const unreadTotal = computed(() => Object.values(unread).reduce((a, b) => a + b, 0));

  async function load(which: DeskView = view.value): Promise<void> {
    loading.value = true;
    try {
      const page = await api.get<Page<Conversation>>('/admin/conversations', { view: which, pageSize: 50 });
      lists[which] = page.items;
      if (which === 'queue') queueLength.value = page.items.length;
      if (which === 'mine') {
        for (const c of page.items) {
          if (c.status === 'active' && c.id !== selectedId.value && c.lastMessage?.sender.kind === 'shopper') unread[c.id] = Math.max(unread[c.id] ?? 0, c.lastSeq - c.agentReadSeq);
        }
      }
    } finally {
      loading.value = false;
    }
  }

  async function loadMe(): Promise<void> {
    me.value = await api.get<ChatAgent>('/admin/chat/me');
  }

  async function setMe(change: { status?: ChatAgent['status']; capacity?: number }): Promise<void> {
    me.value = await api.put<ChatAgent>('/admin/chat/me', change);
  }

  /** Puts a changed conversation where it now belongs in each list. */
  function upsert(c: Conversation): void {
    const mineNow = c.agent?.id === myId();
    for (const which of ['mine', 'queue', 'all'] as const) {
      const list = lists[which];
      const i = list.findIndex((x) => x.id === c.id);
      const belongs = which === 'all' || (which === 'queue' ? c.status === 'queued' : mineNow);
      if (i >= 0 && belongs) list[i] = c;
      else if (i >= 0) list.splice(i, 1);
      else if (belongs && (which !== 'all' || lists.all.length)) list.unshift(c);
    }
  }

  function touch(m: ChatMessage): void {
    for (const which of ['mine', 'queue', 'all'] as const) {
      const i = lists[which].findIndex((x) => x.id === m.conversationId);
      if (i < 0) continue;
      const c = lists[which][i];
      lists[which][i] = { ...c, lastMessage: m, lastSeq: Math.max(c.lastSeq, m.seq), lastMessageAt: m.createdAt };
    }
  }

  const offs = [
    socket.on('chat:assigned', ({ conversation }) => {
      upsert(conversation);
      void loadMe().catch(() => undefined);
    }),
    socket.on('chat:conversation', (c) => {
      upsert(c);
      void loadMe().catch(() => undefined); // my load may have changed (closed, transferred)
    }),
    socket.on('chat:desk', (e) => {
      queueLength.value = e.queueLength;
      if (view.value === 'queue') void load('queue').catch(() => undefined);
    }),
    socket.on('chat:message', (m) => {
      touch(m);
      if (m.sender.kind !== 'shopper' || (m.conversationId === selectedId.value && document.visibilityState === 'visible')) return;
      unread[m.conversationId] = (unread[m.conversationId] ?? 0) + 1;
    }),
    // back online after a drop: the lists may have changed meanwhile
    socket.onConnect(() => void Promise.all([load('mine'), load('queue'), loadMe()]).catch(() => undefined)),
  ];

  function select(id: number | null): void {
    selectedId.value = id;
    chatOnScreen.value = id;
    if (id) delete unread[id];
  }

  /** Takes a conversation over from the queue (409s say why not). */
  async function accept(id: number): Promise<Conversation> {
    const c = await api.post<Conversation>(`/admin/conversations/${id}/accept`);
    upsert(c);
    view.value = 'mine';
    select(c.id);
    return c;
  }

  async function transfer(id: number, agentId?: number): Promise<void> {
    upsert(await api.post<Conversation>(`/admin/conversations/${id}/transfer`, agentId ? { agentId } : {}));
  }

  async function close(id: number, tag?: string): Promise<void> {
    upsert(await api.post<Conversation>(`/admin/conversations/${id}/close`, tag ? { tag } : {}));
  }

  function dispose(): void {
    chatOnScreen.value = null;
    for (const off of offs) off();
    socket.close();
  }

  return { socket, view, lists, loading, queueLength, me, selectedId, selected, unread, unreadTotal, load, loadMe, setMe, select, accept, transfer, close, upsert, dispose };
}

export type Desk = ReturnType<typeof useDesk>;
