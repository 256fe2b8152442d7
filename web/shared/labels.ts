/**
 * Code -> words maps that follow the language. Each value is a getter reading `t()` when it is read,
 * so `orderStatusText[o.status]` in a template re-renders when the language changes, and code that
 * knew these maps as plain records keeps working. An unknown code reads as itself.
 */
import { t, te } from './i18n';

/** `{ paid: '待发货', ... }` from the messages under `prefix` (e.g. `status.order`). */
export function labels<K extends string>(prefix: string, codes: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const code of codes) Object.defineProperty(out, code, { enumerable: true, get: () => t(`${prefix}.${code}`) });
  return out;
}

/** The words for a code under `prefix`, or the code itself when there are none (a value typed by hand). */
export const labelOf = (prefix: string, code: string | null | undefined): string => (code ? (te(`${prefix}.${code}`) ? t(`${prefix}.${code}`) : code) : '');

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info';

/** `{ paid: { label: '待发货', type: 'primary' }, ... }`: a status's words and its tag colour. */
export function tagged<K extends string>(prefix: string, types: Record<K, TagType>): Record<K, { label: string; type: TagType }> {
  const out = {} as Record<K, { label: string; type: TagType }>;
  for (const code of Object.keys(types) as K[]) {
    out[code] = Object.defineProperty({ type: types[code] } as { label: string; type: TagType }, 'label', { enumerable: true, get: () => t(`${prefix}.${code}`) });
  }
  return out;
}
