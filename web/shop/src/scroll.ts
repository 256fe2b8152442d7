/**
 * A list that loads `pageSize` more each time `van-list` scrolls to its end (bind `v-model:loading`,
 * `finished`, `error` / `failed`, `@load="loadMore"`). `reload()` starts over (new search, tab or
 * sort); an answer to an older start is dropped.
 */
import { ref, type Ref } from 'vue';
import { api, type Page, type Query } from './api';

export function useScrollList<T>(path: string, pageSize: number, filters: () => Query = () => ({})) {
  const items = ref([]) as Ref<T[]>;
  const loading = ref(false);
  const finished = ref(false);
  const failed = ref(false);
  let page = 0;
  let generation = 0;

  async function loadMore(): Promise<void> {
    const mine = generation;
    loading.value = true;
    try {
      const res = await api.get<Page<T>>(path, { page: page + 1, pageSize, ...filters() });
      if (mine !== generation) return;
      items.value.push(...res.items);
      page = res.page;
      finished.value = items.value.length >= res.total || res.items.length < pageSize;
    } catch {
      if (mine === generation) failed.value = true;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  function reload(): void {
    generation += 1;
    items.value = [];
    page = 0;
    failed.value = false;
    finished.value = false;
    loading.value = false;
    void loadMore();
  }

  return { items, loading, finished, failed, loadMore, reload };
}
