/**
 * The storefront's read of a published page (`GET /shop/pages/home`, `/shop/pages/:id`): the page,
 * or `missing` when the shop has none published there (404), or `failed`. Not used by the editor's
 * preview, which resolves its own blocks.
 */
import { ref } from 'vue';
import type { PageView } from '../../../shared/blocks';
import { api, isApiError } from '../api';

export type PageState = 'loading' | 'ready' | 'missing' | 'failed';

export function usePublishedPage() {
  const page = ref<PageView | null>(null);
  const status = ref<PageState>('loading');
  let generation = 0;

  async function load(path: string, opts: { quiet?: boolean } = {}): Promise<void> {
    const mine = ++generation;
    if (!opts.quiet) status.value = 'loading';
    try {
      const view = await api.get<PageView>(path);
      if (mine !== generation) return;
      page.value = view;
      status.value = 'ready';
    } catch (err) {
      if (mine !== generation) return;
      // a quiet refresh keeps what is shown unless the page is gone
      if (opts.quiet && !isApiError(err, 'not_found')) return;
      page.value = null;
      status.value = isApiError(err, 'not_found') ? 'missing' : 'failed';
    }
  }

  return { page, status, load };
}
