/**
 * Counts on the console's menu that keep themselves current: what waits for the person signed in
 * (paid orders to ship, fulfilments to ship). Each count is read from the API once, again after a
 * burst of the live events that can change it, and again after a reconnection (events sent while
 * the socket was down are gone). The count, not "unseen since": it is still right after a reload
 * and on a second screen.
 */
import { onBeforeUnmount, onMounted, reactive } from 'vue';
import type { Page } from '../../shared/api';
import type { ServerEvent } from '../../shared/realtime';
import { api } from './api';
import { live } from './realtime';

export interface BadgeSource {
  /** The menu entry (section path) the count shows on. */
  path: string;
  count: () => Promise<number>;
  /** Live events after which the count is read again. */
  events: readonly ServerEvent[];
}

/** Paid orders of the shop still to ship: the 待发货 tab's count. */
export const ordersToShip = (): Promise<number> => api.get<{ counts: Record<string, number> }>('/admin/orders', { status: 'paid', pageSize: 1 }).then((p) => p.counts.paid ?? 0);

/** Fulfilments waiting in a shipping queue (`/admin` for a shop's own goods, `/supplier`). */
export const fulfillmentsToShip = (base: '/admin' | '/supplier') => (): Promise<number> => api.get<Page<unknown>>(`${base}/fulfillments`, { status: 'to_ship', pageSize: 1 }).then((p) => p.total);

const COALESCE_MS = 400;

export function useMenuBadges(sources: readonly BadgeSource[]): Record<string, number> {
  const counts = reactive<Record<string, number>>({});
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const stops: Array<() => void> = [];

  const read = (s: BadgeSource) =>
    s.count().then(
      (n) => void (counts[s.path] = n),
      () => undefined, // a badge is a hint: the section itself shows what failed
    );
  const soon = (s: BadgeSource) => {
    clearTimeout(timers.get(s.path));
    timers.set(s.path, setTimeout(() => void read(s), COALESCE_MS));
  };

  onMounted(() => {
    for (const s of sources) {
      void read(s);
      for (const event of s.events) stops.push(live.on(event, () => soon(s)));
    }
    if (sources.length) stops.push(live.onConnect((again) => again && sources.forEach(soon)));
  });
  onBeforeUnmount(() => {
    for (const stop of stops.splice(0)) stop();
    for (const t of timers.values()) clearTimeout(t);
  });
  return counts;
}
