/** The shopper's recent searches on this device (as Youzan and Taobao keep them): newest first, ten at most. */
import { ref } from 'vue';

const KEY = `s2b2c:${location.host}:search-history`;
const MAX = 10;

function read(): string[] {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(list) ? list.filter((w): w is string => typeof w === 'string').slice(0, MAX) : [];
  } catch {
    return [];
  }
}

export const searchHistory = ref<string[]>(read());

export function remember(word: string): void {
  const w = word.trim();
  if (!w) return;
  searchHistory.value = [w, ...searchHistory.value.filter((x) => x !== w)].slice(0, MAX);
  localStorage.setItem(KEY, JSON.stringify(searchHistory.value));
}

export function forgetHistory(): void {
  searchHistory.value = [];
  localStorage.removeItem(KEY);
}
