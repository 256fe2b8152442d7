/**
 * New paid orders, announced: a chime made with WebAudio (no sound file to load), a toast in the
 * console and, when the browser allows it, a system notification that shows while the console is
 * in another tab. They come from the orders feed (`order:updated` with status `paid`), which the
 * server sends only to staff who may read the shop's orders, through the console's one live
 * connection (realtime.ts). A mute switch is kept per browser.
 * Browsers let a page ask for notifications and start sound only after a click: the switch is
 * that click, and the first click anywhere wakes the audio.
 */
import { ElNotification } from 'element-plus';
import { onBeforeUnmount, onMounted, ref } from 'vue';
import { t } from '../../shared/i18n';
import { live, type OrderUpdate } from './realtime';

const MUTE_KEY = 's2b2c:order-alerts-muted';

let audio: AudioContext | null = null;

/** Toasts open below the console's 60-px header, never over its buttons (mute, sign out). */
export const TOAST_OFFSET = 72;

export function wakeAudio(): void {
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return;
  audio ??= new Ctor();
  if (audio.state === 'suspended') void audio.resume();
}

/** Two rising notes, 0.6 s: noticeable across a room, short enough not to annoy. */
export function chime(): void {
  if (!audio) return;
  const start = audio.currentTime;
  [880, 1318.5].forEach((freq, i) => {
    const osc = audio!.createOscillator();
    const gain = audio!.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const at = start + i * 0.18;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.4);
    osc.connect(gain).connect(audio!.destination);
    osc.start(at);
    osc.stop(at + 0.42);
  });
}

const notificationsSupported = () => typeof Notification !== 'undefined';

export function useOrderAlerts(open: (update: OrderUpdate) => void) {
  const muted = ref(localStorage.getItem(MUTE_KEY) === '1');
  const seen = new Set<number>();
  let stop = () => {};

  function announce(update: OrderUpdate) {
    if (update.status !== 'paid' || seen.has(update.id)) return;
    seen.add(update.id);
    if (muted.value) return;
    chime();
    ElNotification({
      title: t('layout.newOrder'),
      message: t('layout.newOrderText', { orderNo: update.orderNo }),
      type: 'success',
      duration: 8000,
      offset: TOAST_OFFSET,
      customClass: 'new-order-toast',
      onClick: () => open(update),
    });
    if (notificationsSupported() && Notification.permission === 'granted' && document.visibilityState !== 'visible') {
      const n = new Notification(t('layout.newOrder'), { body: t('layout.newOrderText', { orderNo: update.orderNo }), tag: `order-${update.id}` });
      n.onclick = () => {
        window.focus();
        open(update);
        n.close();
      };
    }
  }

  /** The switch: a click, so the browser lets us ask for notifications and play sound. */
  async function toggle(): Promise<void> {
    muted.value = !muted.value;
    localStorage.setItem(MUTE_KEY, muted.value ? '1' : '0');
    if (muted.value) return;
    wakeAudio();
    chime();
    if (notificationsSupported() && Notification.permission === 'default') await Notification.requestPermission();
  }

  const blocked = () => notificationsSupported() && Notification.permission === 'denied';

  onMounted(() => {
    window.addEventListener('pointerdown', wakeAudio, { once: true });
    stop = live.on('order:updated', announce);
  });
  onBeforeUnmount(() => {
    window.removeEventListener('pointerdown', wakeAudio);
    stop();
  });

  return { muted, toggle, blocked, announce };
}
