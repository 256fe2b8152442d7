/**
 * Vant's base.css, which every Vant component's style import pulls in, styles bare elements: the
 * body's font, links without underline, inputs and buttons inheriting fonts, lists without bullets,
 * no focus outline. The storefront wants that. The console shows Vant only inside the page editor's
 * phone preview, and loaded as they are those rules would restyle the whole console from the moment
 * the editor's chunk arrives. Here they apply inside the preview (`scope`) only; Vant's variables,
 * keyframes and its own classes stay as they are.
 */
import type { Plugin } from 'vite';

const BASE_CSS = /[\\/]vant[\\/]es[\\/]style[\\/]base\.css$/;

/** Selectors that only ever match Vant's own markup or define its variables: left alone. */
const VANT_OWN = /^(:root|:host|\.van|\[class\*=van-\])/;

function scopeSelector(selector: string, scope: string): string {
  const s = selector.trim();
  if (VANT_OWN.test(s)) return s;
  if (s === 'html' || s === 'body') return scope;
  return `${scope} ${s}`;
}

/** The index of the brace closing the one at `open`. */
function closing(css: string, open: number): number {
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    if (css[i] === '{') depth++;
    else if (css[i] === '}' && --depth === 0) return i;
  }
  return css.length - 1;
}

/** Rewrites the top-level rules of a stylesheet so element selectors match only under `scope`. */
export function scopeElementRules(css: string, scope: string): string {
  let out = '';
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf('{', i);
    if (open < 0) return out + css.slice(i);
    const head = css.slice(i, open);
    const end = closing(css, open);
    const body = css.slice(open, end + 1);
    out += head.trimStart().startsWith('@') ? head + body : head.split(',').map((s) => scopeSelector(s, scope)).join(',') + body;
    i = end + 1;
  }
  return out;
}

export function scopedVantBase(scope: string): Plugin {
  return {
    name: 'scoped-vant-base',
    enforce: 'pre',
    transform(code, id) {
      if (!BASE_CSS.test(id.split('?')[0]!)) return null;
      return { code: scopeElementRules(code, scope), map: null };
    },
  };
}
