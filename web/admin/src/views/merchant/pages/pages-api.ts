/**
 * The shop pages API (API.md "Shop pages") as the editor calls it. The page's draft is what the
 * editor changes; publishing copies it into a new version, and any version can be copied back.
 */
import { api } from '../../../api';
import type { Block, ResolvedBlock } from '../../../../../shared/blocks';

export type PageKind = 'home' | 'custom';
export type PageStatus = 'draft' | 'published';

export interface PageSummary {
  id: number;
  title: string;
  kind: PageKind;
  status: PageStatus;
  /** The latest published version, null before the first publish. */
  version: number | null;
  updatedAt: string;
  publishedAt?: string | null;
}

export interface PageVersionInfo {
  version: number;
  publishedAt: string;
}

export interface PageDetail extends PageSummary {
  blocks: Block[];
  versions: PageVersionInfo[];
}

export const pagesApi = {
  list: async (): Promise<PageSummary[]> => (await api.get<{ items: PageSummary[] }>('/admin/store/pages')).items,
  get: (id: number) => api.get<PageDetail>(`/admin/store/pages/${id}`),
  create: (body: { title: string; kind: PageKind; blocks: Block[] }) => api.post<{ id: number; status: PageStatus }>('/admin/store/pages', body),
  saveDraft: (id: number, body: { title?: string; blocks?: Block[] }) => api.put<unknown>(`/admin/store/pages/${id}`, body),
  publish: (id: number) => api.post<{ id: number; status: PageStatus; version: number }>(`/admin/store/pages/${id}/publish`),
  version: (id: number, version: number) => api.get<{ version: number; blocks: ResolvedBlock[] | Block[]; publishedAt?: string }>(`/admin/store/pages/${id}/versions/${version}`),
  restore: (id: number, version: number) => api.post<unknown>(`/admin/store/pages/${id}/versions/${version}/restore`),
  remove: (id: number) => api.del(`/admin/store/pages/${id}`),
};

/** Where a page opens in the storefront (hash routes, same host as the console). */
export function storefrontUrl(page: Pick<PageSummary, 'id' | 'kind'>): string {
  return `${location.origin}/#${page.kind === 'home' ? '/' : `/pages/${page.id}`}`;
}
