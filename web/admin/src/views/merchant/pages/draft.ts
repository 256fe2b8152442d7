/**
 * The page being edited: its title and blocks (each with a key of its own, so a block keeps its
 * selection, errors and preview while it moves), what was last saved (to know about unsaved
 * changes), and the API's complaints about particular blocks.
 */
import { computed, reactive, ref } from 'vue';
import { defaultBlock, type Block, type BlockType } from '../../../../../shared/blocks';
import { pageErrorsFrom, type BlockErrors } from './validation';
import { pagesApi, type PageDetail } from './pages-api';

export interface DraftItem {
  key: number;
  block: Block;
}

let nextKey = 1;
const item = (block: Block): DraftItem => ({ key: nextKey++, block });
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export function usePageDraft(id: number) {
  const page = ref<PageDetail | null>(null);
  const title = ref('');
  const items = ref<DraftItem[]>([]);
  const selectedKey = ref<number | null>(null);
  const saved = ref('');
  /** Per block key: the fields the API refused. */
  const blockErrors = reactive(new Map<number, BlockErrors>());
  const pageErrors = ref<string[]>([]);

  const blocks = (): Block[] => items.value.map((i) => i.block);
  const snapshot = () => JSON.stringify({ title: title.value, blocks: blocks() });
  const dirty = computed(() => page.value !== null && snapshot() !== saved.value);
  const selectedIndex = computed(() => items.value.findIndex((i) => i.key === selectedKey.value));
  const selected = computed(() => items.value[selectedIndex.value] ?? null);

  function adopt(detail: PageDetail): void {
    page.value = detail;
    title.value = detail.title;
    items.value = copy(detail.blocks).map(item);
    saved.value = snapshot();
    blockErrors.clear();
    pageErrors.value = [];
    // nothing selected at first: the side panel shows the page's own settings
    if (!items.value.some((i) => i.key === selectedKey.value)) selectedKey.value = null;
  }

  async function load(): Promise<void> {
    adopt(await pagesApi.get(id));
  }

  /** Where a new block goes when it is clicked in the palette: after the selected one, else at the end. */
  function add(type: BlockType, at = selectedIndex.value >= 0 ? selectedIndex.value + 1 : items.value.length): void {
    const fresh = item(defaultBlock(type));
    items.value.splice(at, 0, fresh);
    selectedKey.value = fresh.key;
  }

  /** Moves the block at `from` so that it lands before the block now at `to` (`to` = length: the end). */
  function move(from: number, to: number): void {
    if (from < 0 || from >= items.value.length) return;
    const [moved] = items.value.splice(from, 1);
    items.value.splice(to > from ? to - 1 : to, 0, moved);
  }

  function duplicate(index: number): void {
    const twin = item(copy(items.value[index].block));
    items.value.splice(index + 1, 0, twin);
    selectedKey.value = twin.key;
  }

  function remove(index: number): void {
    const [gone] = items.value.splice(index, 1);
    blockErrors.delete(gone.key);
    if (selectedKey.value === gone.key) selectedKey.value = (items.value[index] ?? items.value[index - 1])?.key ?? null;
  }

  /** Saves the draft; on a 400 naming blocks, puts each complaint on its block and answers false. */
  async function save(): Promise<boolean> {
    const sent = blocks();
    try {
      const answer = await pagesApi.saveDraft(id, { title: title.value.trim(), blocks: sent });
      // the status and "unpublished changes" follow; the blocks stay as typed (keys, selection)
      page.value = answer;
    } catch (err) {
      const found = pageErrorsFrom(err, sent);
      if (!found) throw err;
      blockErrors.clear();
      for (const [index, errs] of found.blocks) {
        const key = items.value[index]?.key;
        if (key !== undefined) blockErrors.set(key, errs);
      }
      pageErrors.value = found.page;
      const firstBad = items.value.find((i) => blockErrors.has(i.key));
      if (firstBad) selectedKey.value = firstBad.key;
      return false;
    }
    saved.value = JSON.stringify({ title: title.value.trim(), blocks: sent });
    title.value = title.value.trim();
    blockErrors.clear();
    pageErrors.value = [];
    return true;
  }

  /** Publishes what the editor shows: the draft is saved first when it changed. */
  async function publish(): Promise<number | null> {
    if (dirty.value && !(await save())) return null;
    const { version } = await pagesApi.publish(id);
    // the blocks stay as they are (and keep their keys); the status and the version list change
    page.value = await pagesApi.get(id);
    return version;
  }

  return { page, title, items, selectedKey, selectedIndex, selected, dirty, blockErrors, pageErrors, load, adopt, add, move, duplicate, remove, save, publish };
}

export type PageDraft = ReturnType<typeof usePageDraft>;
