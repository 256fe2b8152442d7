/**
 * What every page binds: the theme colour (as a CSS variable on the page's root view, so `.price` and
 * `.btn-theme` follow the shop's colour) and its message areas.
 */
import { texts } from './i18n.js';
import type { Messages } from '../locales/index.js';
import { ensureStore, themeColor, type StoreInfo } from './store.js';

export function themeStyle(): string {
  return `--theme: ${themeColor()};`;
}

export function pageData<K extends keyof Messages>(...areas: K[]): { themeStyle: string; theme: string; t: Pick<Messages, K | 'common'> } {
  return { themeStyle: themeStyle(), theme: themeColor(), t: texts<K | 'common'>('common', ...areas) };
}

/** Paints a page in the shop's colour once the store is known (the first page may open before app.ts has it). */
export function withStore(page: { setData(data: Record<string, unknown>): void }): Promise<StoreInfo> {
  return ensureStore().then((store) => {
    page.setData({ themeStyle: themeStyle(), theme: themeColor() });
    return store;
  });
}
