/**
 * A table that follows the live connection: after a burst of events naming its rows it reloads
 * once (the server's list decides what belongs on the page, filters and tab counts included) and
 * marks the rows those events named, `new` when the page did not hold them before, `changed` when
 * it did, for a few seconds. After a reconnection it reloads, events sent meanwhile being gone.
 */
import { onBeforeUnmount, onMounted, reactive } from 'vue';
import type { ServerEvent, ServerEvents } from '../../shared/realtime';
import { live } from './realtime';

export type RowMark = 'new' | 'changed';

const COALESCE_MS = 300;
const MARK_MS = 8_000;

export function useLiveList<E extends ServerEvent>(opts: {
  events: readonly E[];
  /** The ids on the page now. */
  ids: () => number[];
  reload: () => Promise<unknown> | unknown;
  /** After the reload, with the events of the burst (an open detail drawer refreshes itself). */
  after?: (events: Array<ServerEvents[E]>) => void;
}) {
  const marks = reactive(new Map<number, RowMark>());
  let burst: Array<ServerEvents[E]> = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const clears = new Map<number, ReturnType<typeof setTimeout>>();
  const stops: Array<() => void> = [];

  function mark(id: number, how: RowMark) {
    marks.set(id, how);
    clearTimeout(clears.get(id));
    clears.set(id, setTimeout(() => marks.delete(id), MARK_MS));
  }

  async function flush() {
    const events = burst;
    burst = [];
    const before = new Set(opts.ids());
    await opts.reload();
    const now = new Set(opts.ids());
    for (const e of events) {
      const id = (e as { id: number }).id;
      if (now.has(id)) mark(id, before.has(id) ? 'changed' : 'new');
    }
    opts.after?.(events);
  }

  onMounted(() => {
    for (const event of opts.events) {
      stops.push(
        live.on(event, (payload) => {
          burst.push(payload as ServerEvents[E]);
          clearTimeout(timer);
          timer = setTimeout(() => void flush(), COALESCE_MS);
        }),
      );
    }
    stops.push(live.onConnect((again) => again && void opts.reload()));
  });
  onBeforeUnmount(() => {
    for (const stop of stops.splice(0)) stop();
    clearTimeout(timer);
    for (const t of clears.values()) clearTimeout(t);
  });

  /** For `el-table`'s `row-class-name`. */
  const rowClass = ({ row }: { row: { id: number } }) => (marks.has(row.id) ? `live-row live-${marks.get(row.id)}` : '');
  return { marks, rowClass, connected: live.connected };
}
