/**
 * What a block's `link` says, read and written with the storefront's own paths
 * (`blockLinks` in web/shared/blocks.ts): a product, a store category, a custom page, the help centre,
 * the shop's articles and videos, or a web address.
 */
import { blockLinks, shopPath } from '../../../../../shared/blocks';

export type LinkTarget =
  | { kind: 'product'; id: number }
  | { kind: 'category'; id: number }
  | { kind: 'page'; id: number }
  | { kind: 'help' }
  | { kind: 'content' }
  | { kind: 'url'; url: string };

export type LinkKind = LinkTarget['kind'];
export const LINK_KINDS: LinkKind[] = ['product', 'category', 'page', 'help', 'content', 'url'];

export function linkOf(target: LinkTarget): string {
  switch (target.kind) {
    case 'url':
      return target.url.trim();
    case 'help':
    case 'content':
      return blockLinks[target.kind]();
    default:
      return blockLinks[target.kind](target.id);
  }
}

const patterns: Array<['product' | 'category' | 'page', RegExp]> = [
  ['product', /^\/products\/(\d+)$/],
  ['category', /^\/categories\/(\d+)$/],
  ['category', /^\/search\?category=(\d+)$/],
  ['page', /^\/page\/(\d+)$/],
];

export function parseLink(link: string | undefined): LinkTarget | null {
  if (!link) return null;
  const path = shopPath(link);
  if (path === '/help' || path === '/content') return { kind: path.slice(1) as 'help' | 'content' };
  for (const [kind, re] of patterns) {
    const m = path ? re.exec(path) : null;
    if (m) return { kind, id: Number(m[1]) };
  }
  return { kind: 'url', url: link };
}

export const isWebUrl = (url: string) => /^https?:\/\/[^\s\\]+$/i.test(url.trim());
