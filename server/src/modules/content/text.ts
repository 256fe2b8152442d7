import sanitizeHtml from 'sanitize-html';

/** What a reader sees of rich text, as one line of plain text (summaries, chat answers, search). */
export function plainText(html: string): string {
  // a block's end is a break between words once the tags are gone
  return sanitizeHtml(html.replace(/<\/(p|h[1-6]|li|div|blockquote|tr|td|th|figcaption)>|<br\s*\/?>/gi, '$& '), { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first `max` characters of the text, with an ellipsis when cut. */
export function summaryOf(html: string, max = 80): string {
  const text = plainText(html);
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}
