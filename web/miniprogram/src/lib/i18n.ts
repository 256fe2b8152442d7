/**
 * The mini-program's words: zh-CN by default, English complete (test/web/locales.test.ts checks the
 * twins). `t(key, params)` (keys read "area.key") for texts made in code; pages bind whole areas through data
 * (`texts('catalog')` -> `{{t.catalog.addToCart}}` in WXML), so no word is written in a template.
 */
import { messages, type Locale, type Messages } from '../locales/index.js';

export type { Locale };
type Tree = { [key: string]: string | Tree };

const LANG_KEY = 'lang';
export const LOCALES: Locale[] = ['zh-CN', 'en'];

export function currentLocale(): Locale {
  const stored = wx.getStorageSync(LANG_KEY) as unknown;
  return stored === 'en' ? 'en' : 'zh-CN';
}

export function setLocale(locale: Locale): void {
  wx.setStorageSync(LANG_KEY, locale);
}

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (!node || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function interpolate(text: string, params?: Record<string, string | number>): string {
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] !== undefined ? String(params[name]) : m)) : text;
}

/** Whether a message exists for the key (in the current language or the zh-CN fallback). */
export function te(key: string): boolean {
  return lookup(messages[currentLocale()] as unknown as Tree, key) !== undefined || lookup(messages['zh-CN'] as unknown as Tree, key) !== undefined;
}

export function t(key: string, params?: Record<string, string | number>): string {
  const text = lookup(messages[currentLocale()] as unknown as Tree, key) ?? lookup(messages['zh-CN'] as unknown as Tree, key) ?? key;
  return interpolate(text, params);
}

/** Whole areas of messages for a page's data, e.g. `{ t: texts('common', 'catalog') }`. */
export function texts<K extends keyof Messages>(...areas: K[]): Pick<Messages, K> {
  const tree = messages[currentLocale()];
  const out = {} as Pick<Messages, K>;
  for (const area of areas) out[area] = tree[area];
  return out;
}
