import sanitizeHtml from 'sanitize-html';

/**
 * What rich text may hold, one allow-list for every place a person writes formatted text (a shop
 * page's rich-text block, a product's description): formatting, lists, quotes, tables, links and pictures, with a
 * few inline styles an editor sets (alignment, colour, size). Never scripts, event handlers,
 * iframes, forms or foreign schemes; pictures only from the web or the shop's uploads.
 */
const RICH_TEXT: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'hr', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'h1', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'img', 'a', 'span', 'div', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tr', 'td', 'th'],
  allowedAttributes: {
    '*': ['style'],
    img: ['src', 'alt', 'width', 'height', 'style'],
    a: ['href', 'title', 'target', 'rel', 'style'],
    td: ['colspan', 'rowspan', 'style'],
    th: ['colspan', 'rowspan', 'style'],
  },
  allowedStyles: {
    '*': {
      color: [/^#[0-9a-f]{3,8}$/i, /^rgba?\([\d\s.,%]+\)$/i],
      'background-color': [/^#[0-9a-f]{3,8}$/i, /^rgba?\([\d\s.,%]+\)$/i],
      'text-align': [/^(left|right|center|justify)$/],
      'font-size': [/^\d{1,3}(px|em|rem|%)$/],
      'font-weight': [/^(normal|bold|[1-9]00)$/],
    },
  },
  allowedSchemes: ['https', 'http'],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, ...(attribs.target ? { target: '_blank' } : {}), rel: 'nofollow noopener' } }),
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !/^(https?:\/\/|\/uploads\/)/i.test(frame.attribs.src ?? ''),
};

export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, RICH_TEXT).trim();
}
