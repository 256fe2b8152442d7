/**
 * What a block's `link` says, in one place: the storefront's hash routes for a product, a store
 * category and a custom page, or a web address. Everything that writes or reads links goes through
 * here, so the editor and the storefront agree on one format.
 */
export type LinkTarget =
  | { kind: 'product'; id: number }
  | { kind: 'category'; id: number }
  | { kind: 'page'; id: number }
  | { kind: 'url'; url: string };

export type LinkKind = LinkTarget['kind'];
export const LINK_KINDS: LinkKind[] = ['product', 'category', 'page', 'url'];

export function linkOf(target: LinkTarget): string {
  switch (target.kind) {
    case 'product':
      return `/products/${target.id}`;
    case 'category':
      return `/categories/${target.id}`;
    case 'page':
      return `/page/${target.id}`;
    case 'url':
      return target.url.trim();
  }
}

export function parseLink(link: string | undefined): LinkTarget | null {
  if (!link) return null;
  const m = /^\/(products|categories|page)\/(\d+)$/.exec(link);
  if (m) {
    const kind = ({ products: 'product', categories: 'category', page: 'page' } as const)[m[1] as 'products' | 'categories' | 'page'];
    return { kind, id: Number(m[2]) };
  }
  return { kind: 'url', url: link };
}

export const isWebUrl = (url: string) => /^https?:\/\/[^\s]+$/i.test(url.trim());
