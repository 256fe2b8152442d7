/**
 * Which articles a content screen works on: the shop's own (`/admin/content`, with categories) or
 * the platform's help for merchants and suppliers (`/platform/content`, with an audience). The
 * same list and editor serve both.
 */
import { api, type Page, type Query } from '../../../api';
import { can } from '../../../session';
import type { Article, ArticleKind, ArticleListItem, ContentCategory, HelpAudience } from '../../../../../shared/content';

export interface Desk {
  base: '/admin/content' | '/platform/content';
  /** The platform's help: audiences instead of categories. */
  help: boolean;
  canManage: boolean;
}

export const shopDesk = (): Desk => ({ base: '/admin/content', help: false, canManage: can('content.manage') });
export const helpDesk = (): Desk => ({ base: '/platform/content', help: true, canManage: can('content.manage') });

export interface ArticleInput {
  title: string;
  kind: ArticleKind;
  body: string;
  coverUrl: string | null;
  videoUrl: string | null;
  categoryId?: number | null;
  audience?: HelpAudience;
  keywords: string[];
}

export const contentApi = (desk: Desk) => ({
  list: (query: Query) => api.get<Page<ArticleListItem>>(`${desk.base}/articles`, query),
  get: (id: number) => api.get<Article>(`${desk.base}/articles/${id}`),
  create: (body: ArticleInput) => api.post<{ id: number; status: 'draft' }>(`${desk.base}/articles`, body),
  update: (id: number, body: Partial<ArticleInput>) => api.put<Article>(`${desk.base}/articles/${id}`, body),
  remove: (id: number) => api.del(`${desk.base}/articles/${id}`),
  publish: (id: number) => api.post(`${desk.base}/articles/${id}/publish`),
  unpublish: (id: number) => api.post(`${desk.base}/articles/${id}/unpublish`),
  categories: async () => (desk.help ? [] : (await api.get<{ items: ContentCategory[] }>('/admin/content/categories')).items),
});
