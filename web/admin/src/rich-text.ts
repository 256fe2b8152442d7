/**
 * What the rich-text editor keeps of pasted HTML: the structure a product description uses
 * (paragraphs, headings, lists, quotes, bold/italic/underline, links, pictures), never the source's
 * styles, classes, fonts, scripts or handlers. The server sanitizes again on save; this keeps a
 * page pasted from a web shop or Word from arriving as a wall of inline styles.
 */
const KEEP = new Set(['P', 'BR', 'H2', 'H3', 'H4', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'STRONG', 'B', 'EM', 'I', 'U', 'A', 'IMG']);
/** Blocks that become paragraphs (a pasted page's layout boxes, older headings). */
const AS_PARAGRAPH = new Set(['DIV', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'TR', 'H5', 'H6']);
const AS_HEADING = new Set(['H1']);
const DROP = new Set(['SCRIPT', 'STYLE', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'TEMPLATE', 'HEAD', 'META', 'LINK', 'TITLE', 'NOSCRIPT', 'FORM', 'INPUT', 'BUTTON', 'SELECT', 'TEXTAREA']);

const safeHref = (href: string | null) => (href && /^https?:\/\//i.test(href) ? href : null);
const safeSrc = (src: string | null) => (src && /^(https?:\/\/|\/uploads\/)/i.test(src) ? src : null);

function cleanNode(node: Node, doc: Document): Node[] {
  if (node.nodeType === Node.TEXT_NODE) return [doc.createTextNode(node.textContent ?? '')];
  if (node.nodeType !== Node.ELEMENT_NODE) return [];
  const el = node as Element;
  const tag = el.tagName.toUpperCase();
  if (DROP.has(tag)) return [];
  const children = () => [...el.childNodes].flatMap((c) => cleanNode(c, doc));
  const wrap = (name: string) => {
    const out = doc.createElement(name);
    out.append(...children());
    return [out];
  };
  if (AS_HEADING.has(tag)) return wrap('h2');
  if (AS_PARAGRAPH.has(tag)) return wrap('p');
  if (!KEEP.has(tag)) return children();
  if (tag === 'IMG') {
    const src = safeSrc(el.getAttribute('src'));
    if (!src) return [];
    const img = doc.createElement('img');
    img.setAttribute('src', src);
    const alt = el.getAttribute('alt');
    if (alt) img.setAttribute('alt', alt);
    return [img];
  }
  if (tag === 'A') {
    const href = safeHref(el.getAttribute('href'));
    if (!href) return children();
    const a = doc.createElement('a');
    a.setAttribute('href', href);
    a.append(...children());
    return [a];
  }
  return wrap(tag.toLowerCase());
}

/** Pasted HTML reduced to plain structure. */
export function cleanPastedHtml(html: string): string {
  const source = new DOMParser().parseFromString(html, 'text/html');
  const out = document.implementation.createHTMLDocument('');
  const box = out.createElement('div');
  box.append(...[...source.body.childNodes].flatMap((n) => cleanNode(n, out)));
  return box.innerHTML;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Pasted plain text as paragraphs, one per line. */
export function textAsParagraphs(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `<p>${escape(line)}</p>`)
    .join('');
}

/** The editor's HTML, or '' when it holds nothing a shopper would see (an empty paragraph, a lone break). */
export function meaningfulHtml(html: string): string {
  // parsed inertly: a detached element in the page would already fetch its pictures
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  return body.textContent?.trim() || body.querySelector('img') ? html : '';
}
