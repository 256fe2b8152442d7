/** Paged lists (API.md "Lists"), pure: whether another page exists, and merging a page in. */
import type { Page } from './types.js';

export function hasMore(page: Pick<Page<unknown>, 'page' | 'pageSize' | 'total'>): boolean {
  return page.page * page.pageSize < page.total;
}

/** The list after a page arrives: page 1 replaces, later pages append (skipping ids already shown). */
export function mergePage<T extends { id: number }>(shown: T[], page: Page<T>): T[] {
  if (page.page <= 1) return page.items;
  const seen = new Set(shown.map((x) => x.id));
  return shown.concat(page.items.filter((x) => !seen.has(x.id)));
}
