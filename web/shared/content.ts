/**
 * A shop's articles, videos, FAQ and help, and the platform's help articles, as both apps read them
 * (inferred from the server's content schemas).
 */
import type { articleListItem, articleView, categoryView } from '../../server/src/modules/content/schemas.js';
import type { Reply } from './types';

export type ArticleListItem = Reply<typeof articleListItem>;
export type Article = Reply<typeof articleView>;
export type ArticleKind = Article['kind'];
export type ArticleStatus = Article['status'];
export type HelpAudience = NonNullable<Article['audience']>;
export type ContentCategory = Reply<typeof categoryView>;

export const ARTICLE_KINDS: readonly ArticleKind[] = ['article', 'video', 'faq', 'help'];
export const HELP_AUDIENCES: readonly HelpAudience[] = ['merchants', 'suppliers', 'both'];
