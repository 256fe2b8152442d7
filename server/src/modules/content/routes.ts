import { routeGroup } from '../../core/http.js';
import {
  adminListQuery,
  articleBody,
  articlePageReply,
  articleUpdate,
  articleView,
  categoriesReply,
  categoryBody,
  categoryView,
  createdReply,
  deletedReply,
  helpBody,
  helpListQuery,
  helpUpdate,
  shopListQuery,
  statusReply,
} from './schemas.js';
import * as service from './service.js';

const route = routeGroup();
export const contentRoutes = route.list;

const tags = ['content'];
const read = ['read', 'ContentArticle'] as const;
const manage = ['manage', 'ContentArticle'] as const;
const help = ['manage', 'HelpArticle'] as const;
const article = { id: 'contentArticle' } as const;
const category = { id: 'contentCategory' } as const;
const example = { title: '什么时候发货？', kind: 'faq' as const, body: '<p>付款后 48 小时内发货。</p>', keywords: ['发货', '几天'] };
const deleted = { deleted: true as const };

// ---- the shop's console ----

route({
  method: 'get', path: '/admin/content/articles', tags, summary: 'The shop\'s articles, videos, FAQ and help: filter by kind, status, category, search', tenant: true, auth: 'merchant',
  permission: read, query: adminListQuery, response: articlePageReply,
  handler: (ctx, { query: { kind, status, categoryId, q, ...page } }) => service.listArticles(ctx, 'shop', { kind, status, categoryId }, q, page),
});

route({
  method: 'post', path: '/admin/content/articles', tags, summary: 'Write an article, video, FAQ entry (title = question, body = answer) or help article; a draft until published', tenant: true, auth: 'merchant', status: 201,
  permission: manage, body: articleBody, example, response: createdReply,
  handler: (ctx, { body }) => service.createArticle(ctx, 'shop', body),
  audit: { action: 'content.article.create', target: (_i, r) => ({ type: 'content_article', id: r.id }), details: ({ body }) => ({ title: body.title, kind: body.kind }) },
});

route({
  method: 'get', path: '/admin/content/articles/:id', tags, summary: 'One article, draft or published', tenant: true, auth: 'merchant',
  permission: read, resources: article, response: articleView,
  handler: (ctx, { params }) => service.getArticle(ctx, 'shop', params.id),
});

route({
  method: 'put', path: '/admin/content/articles/:id', tags, summary: 'Edit an article (a published one changes for shoppers at once)', tenant: true, auth: 'merchant',
  permission: manage, resources: article, body: articleUpdate, example, response: articleView,
  handler: (ctx, { params, body }) => service.updateArticle(ctx, 'shop', params.id, body),
  audit: { action: 'content.article.update', target: ({ params }) => ({ type: 'content_article', id: params.id }) },
});

route({
  method: 'delete', path: '/admin/content/articles/:id', tags, summary: 'Delete an article', tenant: true, auth: 'merchant',
  permission: manage, resources: article, response: deletedReply,
  handler: async (ctx, { params }) => {
    await service.deleteArticle(ctx, 'shop', params.id);
    return deleted;
  },
  audit: { action: 'content.article.delete', target: ({ params }) => ({ type: 'content_article', id: params.id }) },
});

route({
  method: 'post', path: '/admin/content/articles/:id/publish', tags, summary: 'Publish a draft: shoppers see it at once (409 already_published)', tenant: true, auth: 'merchant',
  permission: manage, resources: article, response: statusReply,
  handler: (ctx, { params }) => service.publish(ctx, 'shop', params.id),
  audit: { action: 'content.article.publish', target: ({ params }) => ({ type: 'content_article', id: params.id }) },
});

route({
  method: 'post', path: '/admin/content/articles/:id/unpublish', tags, summary: 'Withdraw a published article back to a draft (409 not_published)', tenant: true, auth: 'merchant',
  permission: manage, resources: article, response: statusReply,
  handler: (ctx, { params }) => service.unpublish(ctx, 'shop', params.id),
  audit: { action: 'content.article.unpublish', target: ({ params }) => ({ type: 'content_article', id: params.id }) },
});

route({
  method: 'get', path: '/admin/content/categories', tags, summary: 'The shop\'s content categories', tenant: true, auth: 'merchant',
  permission: read, response: categoriesReply,
  handler: async (ctx) => ({ items: await service.listCategories(ctx) }),
});

route({
  method: 'post', path: '/admin/content/categories', tags, summary: 'Add a content category', tenant: true, auth: 'merchant', status: 201,
  permission: manage, body: categoryBody, response: categoryView,
  handler: (ctx, { body }) => service.createCategory(ctx, body.name),
  audit: { action: 'content.category.create', target: (_i, r) => ({ type: 'content_category', id: r.id }), details: ({ body }) => ({ name: body.name }) },
});

route({
  method: 'put', path: '/admin/content/categories/:id', tags, summary: 'Rename a content category', tenant: true, auth: 'merchant',
  permission: manage, resources: category, body: categoryBody, example: { name: '配送说明' }, response: categoryView,
  handler: (ctx, { params, body }) => service.renameCategory(ctx, params.id, body.name),
  audit: { action: 'content.category.update', target: ({ params }) => ({ type: 'content_category', id: params.id }) },
});

route({
  method: 'delete', path: '/admin/content/categories/:id', tags, summary: 'Delete a content category; its articles stay, uncategorised', tenant: true, auth: 'merchant',
  permission: manage, resources: category, response: deletedReply,
  handler: async (ctx, { params }) => {
    await service.deleteCategory(ctx, params.id);
    return deleted;
  },
  audit: { action: 'content.category.delete', target: ({ params }) => ({ type: 'content_category', id: params.id }) },
});

// ---- the shop ----

route({
  method: 'get', path: '/shop/articles', tags, summary: 'Published articles, videos, FAQ and help of the shop: by kind, category, search', tenant: true, auth: 'public',
  query: shopListQuery, response: articlePageReply,
  handler: (ctx, { query: { kind, categoryId, q, ...page } }) => service.listArticles(ctx, 'shop', { kind, categoryId, status: 'published' }, q, page),
});

route({
  method: 'get', path: '/shop/articles/:id', tags, summary: 'One published article (a draft is not found)', tenant: true, auth: 'public',
  resources: article, response: articleView,
  handler: (ctx, { params }) => service.publishedArticle(ctx, 'shop', params.id),
});

route({
  method: 'get', path: '/shop/content/categories', tags, summary: 'The shop\'s content categories (the help centre groups its FAQ by them)', tenant: true, auth: 'public',
  response: categoriesReply,
  handler: async (ctx) => ({ items: await service.listCategories(ctx) }),
});

// ---- the platform's help ----

route({
  method: 'get', path: '/platform/content/articles', tags, summary: 'Help articles for merchants and suppliers, drafts included', tenant: false, auth: 'platform',
  permission: help, query: helpListQuery, response: articlePageReply,
  handler: (ctx, { query: { kind, status, audience, q, ...page } }) => service.listArticles(ctx, 'help', { kind, status, ...(audience ? { audiences: [audience] } : {}) }, q, page),
});

route({
  method: 'post', path: '/platform/content/articles', tags, summary: 'Write a help article for merchants, suppliers or both; a draft until published', tenant: false, auth: 'platform', status: 201,
  permission: help, body: helpBody, example: { title: '如何发布商品', kind: 'help', body: '<p>在商品管理中…</p>', audience: 'both' }, response: createdReply,
  handler: (ctx, { body }) => service.createArticle(ctx, 'help', body),
  audit: { action: 'content.help.create', target: (_i, r) => ({ type: 'help_article', id: r.id }), details: ({ body }) => ({ title: body.title }) },
});

route({
  method: 'get', path: '/platform/content/articles/:id', tags, summary: 'One help article, draft or published', tenant: false, auth: 'platform',
  permission: help, response: articleView,
  handler: (ctx, { params }) => service.getArticle(ctx, 'help', params.id),
});

route({
  method: 'put', path: '/platform/content/articles/:id', tags, summary: 'Edit a help article', tenant: false, auth: 'platform',
  permission: help, body: helpUpdate, example: { title: '如何发布商品' }, response: articleView,
  handler: (ctx, { params, body }) => service.updateArticle(ctx, 'help', params.id, body),
  audit: { action: 'content.help.update', target: ({ params }) => ({ type: 'help_article', id: params.id }) },
});

route({
  method: 'delete', path: '/platform/content/articles/:id', tags, summary: 'Delete a help article', tenant: false, auth: 'platform',
  permission: help, response: deletedReply,
  handler: async (ctx, { params }) => {
    await service.deleteArticle(ctx, 'help', params.id);
    return deleted;
  },
  audit: { action: 'content.help.delete', target: ({ params }) => ({ type: 'help_article', id: params.id }) },
});

route({
  method: 'post', path: '/platform/content/articles/:id/publish', tags, summary: 'Publish a help article to the consoles of its audience', tenant: false, auth: 'platform',
  permission: help, response: statusReply,
  handler: (ctx, { params }) => service.publish(ctx, 'help', params.id),
  audit: { action: 'content.help.publish', target: ({ params }) => ({ type: 'help_article', id: params.id }) },
});

route({
  method: 'post', path: '/platform/content/articles/:id/unpublish', tags, summary: 'Withdraw a help article back to a draft', tenant: false, auth: 'platform',
  permission: help, response: statusReply,
  handler: (ctx, { params }) => service.unpublish(ctx, 'help', params.id),
  audit: { action: 'content.help.unpublish', target: ({ params }) => ({ type: 'help_article', id: params.id }) },
});

route({
  method: 'get', path: '/help/articles', tags, summary: 'Published help for the signed-in console user (merchants\', suppliers\' or all for operators), on any host', tenant: false,
  auth: ['platform', 'supplier', 'merchant'], query: helpListQuery.omit({ status: true, audience: true }), response: articlePageReply,
  handler: (ctx, { query: { kind, q, ...page } }) => service.listArticles(ctx, 'help', { kind, status: 'published', audiences: service.audiencesOf(ctx) }, q, page),
});

route({
  method: 'get', path: '/help/articles/:id', tags, summary: 'One published help article for the signed-in console user', tenant: false, auth: ['platform', 'supplier', 'merchant'],
  resources: { id: 'helpArticle' }, response: articleView,
  handler: (ctx, { params }) => service.publishedArticle(ctx, 'help', params.id, service.audiencesOf(ctx)),
});
