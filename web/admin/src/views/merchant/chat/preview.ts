/** One line saying what a chat message is, for conversation lists and notifications. */
import { t } from '../../../../../shared/i18n';
import type { ChatMessage } from '../../../../../shared/chat/types';

export function messagePreview(m: ChatMessage | null): string {
  if (!m) return '';
  if (m.type === 'text') return m.text ?? '';
  if (m.type === 'image') return t('chat.desk.imageMessage');
  return m.card?.type === 'order' ? t('chat.desk.orderMessage') : t('chat.desk.productMessage');
}

/** "3 分钟" / "1 小时 5 分钟" since `from`. */
export function since(from: string | Date | null, now: number): string {
  if (!from) return '';
  const minutes = Math.max(0, Math.floor((now - new Date(from).getTime()) / 60_000));
  if (minutes < 1) return t('chat.desk.justNow');
  if (minutes < 60) return t('chat.desk.minutes', { n: minutes });
  return t('chat.desk.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
}
