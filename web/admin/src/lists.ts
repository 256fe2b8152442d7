/**
 * Loading what the console's tables show, with `loading` for `v-loading` and errors as a message.
 */
import { ref, type Ref } from 'vue';
import { api, type Page, type Query } from './api';
import { showError } from './forms';

/** `load()` runs `fetch` with `loading` set while it runs; an error shows as a message. */
export function useLoading(fetch: () => Promise<void>) {
  const loading = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      await fetch();
    } catch (err) {
      showError(err);
    } finally {
      loading.value = false;
    }
  }

  return { loading, load };
}

/**
 * A paged list: `page` is the API's `Page` (bind `page.items` to the table and the rest to
 * `el-pagination`), `loading` while a request runs, `load(p)` fetches page `p` (the current one by
 * default) with the view's filters. A slower, older answer never overwrites a newer one (typing in a
 * search box).
 */
export function usePagedList<T>(path: string | (() => string), filters: () => Query = () => ({})) {
  const page = ref({ items: [], total: 0, page: 1, pageSize: 20 }) as Ref<Page<T>>;
  const loading = ref(false);
  let latest = 0;

  async function load(p = page.value.page, opts: { quiet?: boolean } = {}): Promise<void> {
    const mine = ++latest;
    loading.value = !opts.quiet;
    try {
      const res = await api.get<Page<T>>(typeof path === 'function' ? path() : path, { page: p, pageSize: page.value.pageSize, ...filters() });
      if (mine === latest) page.value = res;
    } catch (err) {
      showError(err);
    } finally {
      if (mine === latest) loading.value = false;
    }
  }

  /** The same page again without the loading veil: a live update should not blink the table. */
  const refresh = () => load(page.value.page, { quiet: true });

  return { page, loading, load, refresh };
}
