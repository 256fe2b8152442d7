/**
 * What a block's `link` says, read and written with the storefront's own paths
 * (`blockLinks` in web/shared/blocks.ts): a product, a store category, a custom page, or a web address.
 */
import { blockLinks, shopPath } from '../../../../../shared/blocks';

export type LinkTarget =
  | { kind: 'product'; id: number }
  | { kind: 'category'; id: number }
  | { kind: 'page'; id: number }
  | { kind: 'url'; url: string };

export type LinkKind = LinkTarget['kind'];
export const LINK_KINDS: LinkKind[] = ['product', 'category', 'page', 'url'];

export function linkOf(target: LinkTarget): string {
  return target.kind === 'url' ? target.url.trim() : blockLinks[target.kind](target.id);
}

const patterns: Array<[Exclude<LinkKind, 'url'>, RegExp]> = [
  ['product', /^\/products\/(\d+)$/],
  ['category', /^\/categories\/(\d+)$/],
  ['category', /^\/search\?category=(\d+)$/],
  ['page', /^\/page\/(\d+)$/],
];

export function parseLink(link: string | undefined): LinkTarget | null {
  if (!link) return null;
  const path = shopPath(link);
  for (const [kind, re] of patterns) {
    const m = path ? re.exec(path) : null;
    if (m) return { kind, id: Number(m[1]) };
  }
  return { kind: 'url', url: link };
}

export const isWebUrl = (url: string) => /^https?:\/\/[^\s\\]+$/i.test(url.trim());
