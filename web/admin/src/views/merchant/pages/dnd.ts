/**
 * Drag and drop of blocks (native HTML5): a palette tile brings a new block, a block in the preview
 * or the outline moves. While dragging, `drag.over` is where the block would land (an index in the
 * block list: before the block under the pointer's upper half, after it from its lower half).
 */
import { reactive } from 'vue';
import type { BlockType } from '../../../../../shared/blocks';
import type { PageDraft } from './draft';

export const drag = reactive({
  active: false,
  type: null as BlockType | null,
  from: -1,
  over: -1,
});

function begin(e: DragEvent, data: string): void {
  drag.active = true;
  drag.over = -1;
  // Firefox starts no drag without data
  e.dataTransfer?.setData('text/plain', data);
  if (e.dataTransfer) e.dataTransfer.effectAllowed = 'copyMove';
}

export function dragNew(e: DragEvent, type: BlockType): void {
  begin(e, type);
  drag.type = type;
  drag.from = -1;
}

export function dragBlock(e: DragEvent, index: number): void {
  begin(e, String(index));
  drag.type = null;
  drag.from = index;
}

/** Over the block at `index`: lands before it from its upper half, after it from the lower. */
export function dragOver(e: DragEvent, index: number): void {
  if (!drag.active) return;
  e.preventDefault();
  const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
  drag.over = e.clientY < box.top + box.height / 2 ? index : index + 1;
}

/** Over a place that means "at this index" (the empty page, the space after the last block). */
export function dragOverAt(e: DragEvent, index: number): void {
  if (!drag.active) return;
  e.preventDefault();
  drag.over = index;
}

export function dragEnd(): void {
  drag.active = false;
  drag.type = null;
  drag.from = -1;
  drag.over = -1;
}

export function dropInto(draft: PageDraft, e: DragEvent): void {
  e.preventDefault();
  if (drag.active && drag.over >= 0) {
    if (drag.type) draft.add(drag.type, drag.over);
    else if (drag.from >= 0) draft.move(drag.from, drag.over);
  }
  dragEnd();
}
