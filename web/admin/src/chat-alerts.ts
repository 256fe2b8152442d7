/**
 * Customer service, announced anywhere in the console: a chime on a conversation given to me
 * (`chat:assigned`) and on a shopper's message in a conversation that is not the one on screen; a
 * toast to open it when the workspace is not showing, and a system notification while the console
 * is in another tab (once the browser allows them: the workspace has the switch).
 */
import { ElNotification } from 'element-plus';
import { onBeforeUnmount, onMounted, ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { t } from '../../shared/i18n';
import { chime, TOAST_OFFSET } from './order-alerts';
import { live } from './realtime';
import { can } from './session';
import { messagePreview } from './views/merchant/chat/preview';

/** The conversation the workspace shows, while it shows one (set by the workspace). */
export const chatOnScreen = ref<number | null>(null);

const notificationsSupported = () => typeof Notification !== 'undefined';

export function useChatAlerts(): void {
  const route = useRoute();
  const router = useRouter();
  const open = (id: number) => void router.push({ path: '/chat', query: { open: String(id) } });
  // names of the shoppers we have been given, for the message alerts
  const names = new Map<number, string>();

  function announce(title: string, body: string, conversationId: number): void {
    chime();
    if (route.path !== '/chat') ElNotification({ title, message: body, type: 'info', duration: 6000, offset: TOAST_OFFSET, customClass: 'chat-toast', onClick: () => open(conversationId) });
    if (notificationsSupported() && Notification.permission === 'granted' && document.visibilityState !== 'visible') {
      const n = new Notification(title, { body, tag: `chat-${conversationId}` });
      n.onclick = () => {
        window.focus();
        open(conversationId);
        n.close();
      };
    }
  }

  let offs: Array<() => void> = [];
  onMounted(() => {
    offs = [
      live.on('chat:assigned', ({ conversation }) => {
        if (!can('support.serve')) return;
        const name = conversation.shopper.nickname ?? t('chat.desk.shopper');
        names.set(conversation.id, name);
        announce(t('chat.desk.newConversation'), t('chat.desk.newConversationText', { name }), conversation.id);
      }),
      live.on('chat:message', (m) => {
        if (!can('support.serve') || m.sender.kind !== 'shopper') return;
        if (m.conversationId === chatOnScreen.value && document.visibilityState === 'visible') return;
        announce(t('chat.desk.newMessage', { name: names.get(m.conversationId) ?? t('chat.desk.shopper') }), messagePreview(m), m.conversationId);
      }),
    ];
  });
  onBeforeUnmount(() => offs.forEach((off) => off()));
}
