/**
 * The shop pages API (API.md "Shop pages") as the editor calls it. The page's draft is what the
 * editor changes; publishing copies it into a new version, and any version can be copied back.
 */
import { api } from '../../../api';
import { linkOf } from './links';
import type { Block } from '../../../../../shared/blocks';
import type { Reply } from '../../../../../shared/types';
import type { pageDetailSchema, pageSummarySchema, versionDetailSchema } from '../../../../../../server/src/modules/pages/schemas.js';

/** The shapes as the server answers them (type-only imports: nothing of the server reaches the bundle). */
export type PageSummary = Reply<typeof pageSummarySchema>;
export type PageDetail = Reply<typeof pageDetailSchema>;
export type PageVersionInfo = PageDetail['versions'][number];
export type PageKind = PageSummary['kind'];
export type PageStatus = PageSummary['status'];

export const pagesApi = {
  list: async (): Promise<PageSummary[]> => (await api.get<{ items: PageSummary[] }>('/admin/store/pages')).items,
  get: (id: number) => api.get<PageDetail>(`/admin/store/pages/${id}`),
  create: (body: { title: string; kind: PageKind; blocks: Block[] }) => api.post<{ id: number; status: PageStatus }>('/admin/store/pages', body),
  saveDraft: (id: number, body: { title?: string; blocks?: Block[] }) => api.put<PageDetail>(`/admin/store/pages/${id}`, body),
  publish: (id: number) => api.post<{ id: number; status: PageStatus; version: number }>(`/admin/store/pages/${id}/publish`),
  version: (id: number, version: number) => api.get<Reply<typeof versionDetailSchema>>(`/admin/store/pages/${id}/versions/${version}`),
  restore: (id: number, version: number) => api.post<PageDetail>(`/admin/store/pages/${id}/versions/${version}/restore`),
  remove: (id: number) => api.del(`/admin/store/pages/${id}`),
};

/** Where a page opens in the storefront (hash routes, same host as the console). */
export function storefrontUrl(page: Pick<PageSummary, 'id' | 'kind'>): string {
  return `${location.origin}/#${page.kind === 'home' ? '/' : linkOf({ kind: 'page', id: page.id })}`;
}
