/** Whether the console runs on a phone-sized screen, kept up to date as the window changes. */
import { onBeforeUnmount, ref } from 'vue';

export const NARROW = '(max-width: 768px)';

export function useNarrow() {
  const query = window.matchMedia(NARROW);
  const narrow = ref(query.matches);
  const update = () => (narrow.value = query.matches);
  query.addEventListener('change', update);
  onBeforeUnmount(() => query.removeEventListener('change', update));
  return narrow;
}
