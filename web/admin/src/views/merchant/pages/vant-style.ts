/**
 * Vant's stylesheet for the phone preview, without restyling the console around it. Vant's rules
 * are all on `.van-*` classes except its reset (html, body, a, input, ol, ul, ...): those are moved
 * under the preview's frame. The sheet is fetched as a file when the editor first opens, so the rest
 * of the console never loads it.
 */
import vantCss from 'vant/lib/index.css?url';

export const PREVIEW_SCOPE = '.pe-phone-screen';

const own = (selector: string) => /^(\.van|\[class\*=van|:root|:host|from$|to$|\d+(\.\d+)?%$)/.test(selector);

/** Puts every rule that is not Vant's own under `scope` (`html` and `body` become the scope itself). */
export function scopeCss(css: string, scope: string): string {
  return css.replace(/(^|[{}])([^{}@]+)\{/g, (whole, before: string, selectors: string) => {
    const scoped = selectors
      .split(',')
      .map((s) => s.trim())
      .map((s) => (own(s) ? s : /^(html|body)$/.test(s) ? scope : `${scope} ${s}`))
      .join(',');
    return `${before}${scoped}{`;
  });
}

let loading: Promise<void> | null = null;

export function useVantStyle(): Promise<void> {
  loading ??= fetch(vantCss)
    .then((res) => res.text())
    .then((css) => {
      const style = document.createElement('style');
      style.dataset.owner = 'page-editor-preview';
      style.textContent = scopeCss(css, PREVIEW_SCOPE);
      document.head.append(style);
    })
    .catch(() => {
      loading = null;
    });
  return loading;
}
