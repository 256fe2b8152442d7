/**
 * The shop pages API (API.md "Shop pages") as the editor calls it. The page's draft is what the
 * editor changes; publishing copies it into a new version, and any version can be copied back.
 */
import { api } from '../../../api';
import { linkOf } from './links';
import type { Block } from '../../../../../shared/blocks';

export type PageKind = 'home' | 'custom';
export type PageStatus = 'draft' | 'published';

export interface PageSummary {
  id: number;
  title: string;
  kind: PageKind;
  status: PageStatus;
  /** The version shoppers see, null before the first publish. */
  publishedVersion: number | null;
  publishedAt: string | null;
  /** The draft moved on since the last publish (or nothing is published). */
  hasUnpublishedChanges: boolean;
  updatedAt: string;
}

export interface PageVersionInfo {
  version: number;
  title: string;
  publishedAt: string;
  publishedBy?: string | null;
}

export interface PageDetail extends PageSummary {
  blocks: Block[];
  versions: PageVersionInfo[];
}

export const pagesApi = {
  list: async (): Promise<PageSummary[]> => (await api.get<{ items: PageSummary[] }>('/admin/store/pages')).items,
  get: (id: number) => api.get<PageDetail>(`/admin/store/pages/${id}`),
  create: (body: { title: string; kind: PageKind; blocks: Block[] }) => api.post<{ id: number; status: PageStatus }>('/admin/store/pages', body),
  saveDraft: (id: number, body: { title?: string; blocks?: Block[] }) => api.put<PageDetail>(`/admin/store/pages/${id}`, body),
  publish: (id: number) => api.post<{ id: number; status: PageStatus; version: number }>(`/admin/store/pages/${id}/publish`),
  version: (id: number, version: number) => api.get<PageVersionInfo & { blocks: Block[] }>(`/admin/store/pages/${id}/versions/${version}`),
  restore: (id: number, version: number) => api.post<PageDetail>(`/admin/store/pages/${id}/versions/${version}/restore`),
  remove: (id: number) => api.del(`/admin/store/pages/${id}`),
};

/** Where a page opens in the storefront (hash routes, same host as the console). */
export function storefrontUrl(page: Pick<PageSummary, 'id' | 'kind'>): string {
  return `${location.origin}/#${page.kind === 'home' ? '/' : linkOf({ kind: 'page', id: page.id })}`;
}
