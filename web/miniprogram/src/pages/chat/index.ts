/**
 * 在线客服 over socket.io (lib/socket-io.ts on wx.connectSocket): `chat:open` (with the product or
 * order it was opened from, `?product=` / `?order=`, attached once), the history from
 * `GET /shop/conversations/:id/messages`, text and images (wx.chooseMedia, then `POST /uploads`),
 * the queue position and the agent's name as they change. After a dropped line it reconnects and
 * catches up from the last message it has.
 */
import { ApiError, api, query } from '../../lib/api.js';
import { ensureSignedIn, getToken } from '../../lib/auth.js';
import { bubble, conversationStatus, merge, type ChatMessage, type Conversation } from '../../lib/chat-thread.js';
import { tenantConfig } from '../../lib/config.js';
import { errorText, showError } from '../../lib/errors.js';
import { t } from '../../lib/i18n.js';
import { pageData } from '../../lib/page.js';
import { MiniSocket } from '../../lib/socket-io.js';
import { chooseImage, uploadImage } from '../../lib/upload.js';

type Ack<T> = { ok: true; data: T } | { error: { code: string; message: string } };

let socket: MiniSocket | null = null;
let conversation: Conversation | null = null;
let thread: ChatMessage[] = [];
let subject: { type: 'product' | 'order'; id: number } | undefined;

async function ask<T>(event: string, payload: unknown): Promise<T> {
  if (!socket) throw new Error('not connected');
  const reply = await socket.emitWithAck<Ack<T>>(event, payload);
  // the server's refusal reads like an HTTP one: its code gets the shared words
  if ('error' in reply) throw new ApiError(409, reply.error.code, reply.error.message);
  return reply.data;
}

const clientId = () => `mp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

Component({
  data: {
    ...pageData('chat'),
    status: '',
    online: false,
    bubbles: [] as ReturnType<typeof bubble>[],
    lastKey: '',
    draft: '',
    sending: false,
    closed: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      wx.setNavigationBarTitle({ title: t('chat.title') });
      subject = options.product ? { type: 'product', id: Number(options.product) } : options.order ? { type: 'order', id: Number(options.order) } : undefined;
      conversation = null;
      thread = [];
      this.setData({ status: conversationStatus(null) });
      void this.connect();
    },

    onUnload() {
      const s = socket;
      socket = null;
      s?.close();
    },

    async connect() {
      try {
        await ensureSignedIn();
      } catch (err) {
        this.setData({ status: t('chat.unauthenticated') });
        showError(err);
        return;
      }
      const config = tenantConfig();
      socket?.close();
      const s = new MiniSocket({ url: config.socketUrl, headers: { 'X-App-Id': config.appId }, auth: () => ({ token: getToken() }) });
      socket = s;
      // a socket this page has let go of (closed on unload) says nothing more to it
      const on = <A extends unknown[]>(event: string, fn: (...args: A) => void) => s.on(event, (...args: A) => void (socket === s && fn(...args)));
      on('connect', () => void this.opened());
      on('disconnect', () => this.setData({ online: false, status: t('chat.reconnecting') }));
      on('connect_error', (err: Error) => this.setData({ online: false, status: err.message === 'unauthenticated' ? t('chat.unauthenticated') : t('chat.reconnecting') }));
      on('chat:message', (m: ChatMessage) => {
        if (conversation && m.conversationId === conversation.id) this.add([m]);
      });
      on('chat:queue', (q: { conversationId: number; position: number }) => {
        if (conversation && q.conversationId === conversation.id) this.showConversation({ ...conversation, position: q.position });
      });
      on('chat:conversation', (c: Conversation) => {
        if (conversation && c.id === conversation.id) this.showConversation(c);
      });
      s.connect();
    },

    /** On every (re)connection: the open conversation (the same one after a reconnect), then what was missed. */
    async opened() {
      try {
        const first = !conversation;
        const c = await ask<Conversation>('chat:open', first && subject ? { subject } : {});
        if (conversation && c.id !== conversation.id) thread = [];
        this.showConversation(c);
        this.setData({ online: true });
        const after = thread.length ? thread[thread.length - 1]!.seq : 0;
        const page = await api.get<{ items: ChatMessage[] }>(`/shop/conversations/${c.id}/messages${query(after ? { after, limit: 100 } : { limit: 50 })}`);
        this.add(page.items);
      } catch (err) {
        this.setData({ status: errorText(err) });
      }
    },

    showConversation(c: Conversation) {
      conversation = c;
      this.setData({ status: conversationStatus(c), closed: c.status === 'closed' });
    },

    add(messages: ChatMessage[]) {
      if (!messages.length) return;
      thread = merge(thread, messages);
      const bubbles = thread.map(bubble);
      this.setData({ bubbles, lastKey: bubbles[bubbles.length - 1]?.key ?? '' });
    },

    onDraft(e: WechatMiniprogram.Input) {
      this.setData({ draft: e.detail.value });
    },

    async send() {
      const text = this.data.draft.trim();
      if (!text || !conversation || this.data.sending) return;
      this.setData({ sending: true });
      try {
        await this.post({ type: 'text', text });
        this.setData({ draft: '' });
      } finally {
        this.setData({ sending: false });
      }
    },

    async sendImage() {
      if (!conversation) return;
      const path = await chooseImage();
      if (!path) return;
      try {
        const url = await uploadImage(path);
        await this.post({ type: 'image', url });
      } catch (err) {
        showError(err);
      }
    },

    async post(body: { type: 'text'; text: string } | { type: 'image'; url: string }) {
      if (!conversation) return;
      try {
        const sent = await ask<{ id: number; seq: number; createdAt: string }>('chat:message', { conversationId: conversation.id, clientId: clientId(), ...body });
        // our own message as the server keeps it (the event may already have added it)
        this.add([{ id: sent.id, seq: sent.seq, createdAt: sent.createdAt, conversationId: conversation.id, sender: { kind: 'shopper', id: null }, type: body.type, text: 'text' in body ? body.text : null, url: 'url' in body ? body.url : null, card: null, auto: false }]);
      } catch (err) {
        wx.showToast({ title: err instanceof ApiError ? errorText(err) : t('chat.sendFailed'), icon: 'none' });
      }
    },

    preview(e: WechatMiniprogram.TouchEvent) {
      const src = (e.currentTarget.dataset as { src: string }).src;
      wx.previewImage({ urls: [src], current: src });
    },
  },
});
