/** Dragging rows of one list inside a block's settings (banner images, navigation items, picked products). */
import { ref } from 'vue';

export function moveItem<T>(list: T[], from: number, to: number): void {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return;
  const [moved] = list.splice(from, 1);
  list.splice(to, 0, moved);
}

/** `v-bind="rows.attrs(list, i)"` on each row: dropping a row on another puts it in that one's place. */
export function useRowDrag() {
  const from = ref(-1);
  return {
    from,
    attrs: <T>(list: T[], i: number) => ({
      draggable: true,
      onDragstart: (e: DragEvent) => {
        e.stopPropagation();
        from.value = i;
        e.dataTransfer?.setData('text/plain', String(i));
      },
      onDragover: (e: DragEvent) => {
        if (from.value >= 0) e.preventDefault();
      },
      onDrop: (e: DragEvent) => {
        e.preventDefault();
        moveItem(list, from.value, i);
        from.value = -1;
      },
      onDragend: () => (from.value = -1),
    }),
  };
}
