import { routeGroup } from '../../core/http.js';
import {
  createdReply,
  deletedReply,
  pageBody,
  pageDetailSchema,
  pagesReply,
  pageUpdate,
  pageViewSchema,
  publishedReply,
  resolveBody,
  resolvedBlocksReply,
  versionDetailSchema,
  versionParams,
} from './schemas.js';
import * as service from './service.js';

const route = routeGroup();
export const pagesRoutes = route.list;

const tags = ['shop pages'];
// pages are the shop's look, as branding is: read with store.read, changed with store.manage
const read = ['read', 'StoreSettings'] as const;
const manage = ['manage', 'StoreSettings'] as const;
const page = { id: 'shopPage' } as const;
const version = { id: 'shopPage', version: 'shopPageVersion' } as const;
const example = { title: '首页', blocks: [{ type: 'notice' as const, props: { text: '全场包邮' } }] };

route({
  method: 'get', path: '/admin/store/pages', tags, summary: 'The shop\'s pages: the home page first, then custom pages', tenant: true, auth: 'merchant',
  permission: read, response: pagesReply,
  handler: async (ctx) => ({ items: await service.listPages(ctx) }),
});

route({
  method: 'post', path: '/admin/store/pages', tags, summary: 'Start a page (one home page per shop); it stays a draft until published', tenant: true, auth: 'merchant', status: 201,
  permission: manage, body: pageBody, example: { ...example, kind: 'custom' },
  response: createdReply,
  handler: (ctx, { body }) => service.createPage(ctx, body),
  audit: { action: 'store.page.create', target: (_i, r) => ({ type: 'shop_page', id: r.id }), details: ({ body }) => ({ title: body.title, kind: body.kind }) },
});

route({
  method: 'post', path: '/admin/store/pages/resolve', tags, summary: 'Blocks as the storefront would show them, saved or not (the editor\'s live preview)', tenant: true, auth: 'merchant',
  permission: read, body: resolveBody, response: resolvedBlocksReply,
  handler: (ctx, { body }) => service.previewBlocks(ctx, body.blocks),
});

route({
  method: 'get', path: '/admin/store/pages/:id', tags, summary: 'A page\'s draft and its version history', tenant: true, auth: 'merchant',
  permission: read, resources: page, response: pageDetailSchema,
  handler: (ctx, { params }) => service.getPage(ctx, params.id),
});

route({
  method: 'put', path: '/admin/store/pages/:id', tags, summary: 'Change the draft\'s title or blocks (shoppers see it once published)', tenant: true, auth: 'merchant',
  permission: manage, body: pageUpdate, resources: page, example,
  response: pageDetailSchema,
  handler: (ctx, { params, body }) => service.updateDraft(ctx, params.id, body),
  audit: { action: 'store.page.update', target: ({ params }) => ({ type: 'shop_page', id: params.id }), details: ({ body }) => ({ title: body.title, blocks: body.blocks?.length }) },
});

route({
  method: 'delete', path: '/admin/store/pages/:id', tags, summary: 'Delete a custom page and its versions (the home page stays)', tenant: true, auth: 'merchant',
  permission: manage, resources: page, response: deletedReply,
  handler: async (ctx, { params }) => {
    await service.deletePage(ctx, params.id);
    return { deleted: true as const };
  },
  audit: { action: 'store.page.delete', target: ({ params }) => ({ type: 'shop_page', id: params.id }) },
});

route({
  method: 'post', path: '/admin/store/pages/:id/publish', tags, summary: 'Publish the draft as a new version; shoppers see it at once', tenant: true, auth: 'merchant',
  permission: manage, resources: page, response: publishedReply,
  handler: (ctx, { params }) => service.publish(ctx, params.id),
  audit: { action: 'store.page.publish', target: ({ params }) => ({ type: 'shop_page', id: params.id }), details: (_i, r) => ({ version: r.version }) },
});

route({
  method: 'get', path: '/admin/store/pages/:id/preview', tags, summary: 'The draft as the storefront would show it, products resolved', tenant: true, auth: 'merchant',
  permission: read, resources: page, response: pageViewSchema,
  handler: (ctx, { params }) => service.previewDraft(ctx, params.id),
});

route({
  method: 'get', path: '/admin/store/pages/:id/versions/:version', tags, summary: 'One published version of a page', tenant: true, auth: 'merchant',
  permission: read, params: versionParams, resources: version, response: versionDetailSchema,
  handler: (ctx, { params }) => service.getVersion(ctx, params.id, params.version),
});

route({
  method: 'post', path: '/admin/store/pages/:id/versions/:version/restore', tags, summary: 'Copy a published version into the draft (publish to show it again)', tenant: true, auth: 'merchant',
  permission: manage, params: versionParams, resources: version, response: pageDetailSchema,
  handler: (ctx, { params }) => service.restoreVersion(ctx, params.id, params.version),
  audit: { action: 'store.page.restore', target: ({ params }) => ({ type: 'shop_page', id: params.id }), details: ({ params }) => ({ version: params.version }) },
});

// ---- the shop ----

route({
  method: 'get', path: '/shop/pages/home', tags, summary: 'The published home page, products blocks resolved; 404 while there is none', tenant: true, auth: 'public',
  response: pageViewSchema,
  handler: (ctx) => service.shopHome(ctx),
});

route({
  method: 'get', path: '/shop/pages/:id', tags, summary: 'A published custom page, products blocks resolved', tenant: true, auth: 'public',
  resources: page, response: pageViewSchema,
  handler: (ctx, { params }) => service.shopPage(ctx, params.id),
});
