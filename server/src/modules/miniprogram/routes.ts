import type { Response } from 'express';
import { routeGroup } from '../../core/http.js';
import { launchPage } from './launch-page.js';
import { receiveAuthorizerPush, receiveComponentPush } from './receiver.js';
import { authorizePage, confirmAuthorization } from './sandbox/page.js';
import { appidParam, authorizedQuery, authorizeReply, launchQuery, overviewSchema, pushQuery, sandboxConfirmQuery, sandboxPageQuery, settingsBody, submissionSchema, submitBody } from './schemas.js';
import * as service from './service.js';

const route = routeGroup();
export const miniprogramRoutes = route.list;

const tags = ['miniprogram'];
const read = ['read', 'Miniprogram'] as const;
const publish = ['publish', 'Miniprogram'] as const;
const submission = { id: 'miniprogramSubmission' } as const;
const API = '/api/v1';
const SANDBOX_CONFIRM_PATH = `${service.SANDBOX_PAGE_PATH}/confirm`;

const png = (res: Response, image: Buffer) => {
  res.status(200).setHeader('Content-Type', 'image/png');
  res.setHeader('Cache-Control', 'private, max-age=300');
  res.end(image);
};

// ---- the merchant's console ----

route({
  method: 'get', path: '/admin/miniprogram', tags, summary: 'The shop\'s mini-program: authorizer, newest template, released version and submissions', tenant: true, auth: 'merchant',
  permission: read, response: overviewSchema,
  handler: (ctx) => service.overview(ctx),
});

route({
  method: 'post', path: '/admin/miniprogram/authorize', tags, summary: 'WeChat\'s authorization page for this shop (the sandbox\'s own page when not live)', tenant: true, auth: 'merchant',
  permission: publish, response: authorizeReply,
  handler: (ctx) => service.startAuthorization(ctx),
  audit: { action: 'miniprogram.authorize.start' },
});

route({
  method: 'post', path: '/admin/miniprogram/submissions', tags, summary: 'Commit the newest template with the shop\'s ext_json and submit it for audit', tenant: true, auth: 'merchant', status: 201,
  permission: publish, body: submitBody, example: { description: '首页改版' }, response: submissionSchema,
  handler: (ctx, { body }) => service.submit(ctx, body.description),
  audit: { action: 'miniprogram.submit', target: (_i, r) => ({ type: 'miniprogram_submission', id: r.id }), details: (_i, r) => ({ version: r.version }) },
});

route({
  method: 'post', path: '/admin/miniprogram/submissions/:id/release', tags, summary: 'Release an approved version to every shopper', tenant: true, auth: 'merchant',
  permission: publish, resources: submission, response: submissionSchema,
  handler: (ctx, { params }) => service.release(ctx, params.id),
  audit: { action: 'miniprogram.release', target: ({ params }) => ({ type: 'miniprogram_submission', id: params.id }) },
});

route({
  method: 'post', path: '/admin/miniprogram/submissions/:id/withdraw', tags, summary: 'Withdraw a version from WeChat\'s audit', tenant: true, auth: 'merchant',
  permission: publish, resources: submission, response: submissionSchema,
  handler: (ctx, { params }) => service.withdraw(ctx, params.id),
  audit: { action: 'miniprogram.withdraw', target: ({ params }) => ({ type: 'miniprogram_submission', id: params.id }) },
});

route({
  method: 'put', path: '/admin/miniprogram/settings', tags, summary: 'Release approved versions automatically, or not', tenant: true, auth: 'merchant',
  permission: publish, body: settingsBody, example: { autoRelease: true }, response: overviewSchema,
  handler: (ctx, { body }) => service.setAutoRelease(ctx, body.autoRelease),
  audit: { action: 'miniprogram.settings', details: ({ body }) => body },
});

route({
  method: 'get', path: '/admin/miniprogram/preview-code', tags, summary: 'The experience version\'s QR code (PNG)', tenant: true, auth: 'merchant',
  permission: read, raw: true, produces: ['image/png'],
  handler: async (ctx, _input, { res }) => png(res, await service.previewCode(ctx)),
});

// ---- the shop ----

route({
  method: 'get', path: '/shop/products/:id/share-code', tags, summary: 'The shop\'s mini-program code opening this product (PNG; scene p=<id>)', tenant: true, auth: 'public',
  resources: { id: 'listing' }, raw: true, produces: ['image/png'],
  handler: async (ctx, { params }, { res }) => png(res, await service.shareCode(ctx, params.id)),
});

// ---- WeChat's pushes and redirect (any host, no tenant) ----

const success = (res: Response) => {
  res.status(200).type('text/plain').send('success');
};
const xmlOf = (body: unknown) => (typeof body === 'string' ? body : '');

route({
  method: 'post', path: '/wechat/open/ticket', tags, summary: 'WeChat\'s authorization events: component_verify_ticket, authorized, updateauthorized, unauthorized (encrypted XML)', tenant: false, auth: 'public',
  query: pushQuery, raw: true, produces: ['text/plain'],
  handler: async (_ctx, { query }, { req, res }) => {
    await receiveComponentPush(query, xmlOf(req.body));
    success(res);
  },
});

route({
  method: 'post', path: '/wechat/open/events/:appid', tags, summary: 'A mini-program\'s messages and events: the audit results (encrypted XML)', tenant: false, auth: 'public',
  params: appidParam, query: pushQuery, raw: true, produces: ['text/plain'],
  handler: async (_ctx, { params, query }, { req, res }) => {
    await receiveAuthorizerPush(params.appid, query, xmlOf(req.body));
    success(res);
  },
});

route({
  method: 'get', path: service.AUTHORIZED_PATH, tags, summary: 'Where WeChat sends the merchant after authorizing: binds the mini-program, then back to the console', tenant: false, auth: 'public',
  query: authorizedQuery, raw: true, produces: ['redirect'],
  handler: async (_ctx, { query }, { res }) => {
    res.redirect(302, await service.completeAuthorization(query.auth_code, query.state));
  },
});

route({
  method: 'get', path: service.LAUNCH_PATH, tags, summary: 'The platform\'s page the console opens to authorize: a button to WeChat\'s authorization page (live only)', tenant: false, auth: 'public',
  query: launchQuery, raw: true, produces: ['text/html'],
  handler: async (_ctx, { query }, { res }) => {
    const page = launchPage(service.wechatAuthorizationUrl(query.pre_auth_code, query.state), query.state);
    res.status(page.status).type('html').send(page.html);
  },
});

// ---- the sandbox's WeChat authorization page ----

const sandboxOnly = (res: Response) => {
  if (service.sandboxOn()) return true;
  res.status(404).json({ error: { code: 'not_found', message: 'The sandbox is off: WeChat\'s own page authorizes' } });
  return false;
};

route({
  method: 'get', path: service.SANDBOX_PAGE_PATH, tags, summary: 'The sandbox\'s stand-in for WeChat\'s authorization page (模拟微信授权)', tenant: false, auth: 'public',
  query: sandboxPageQuery, raw: true, produces: ['text/html'],
  handler: async (_ctx, { query }, { res }) => {
    if (!sandboxOnly(res)) return;
    const page = authorizePage(query, `${API}${SANDBOX_CONFIRM_PATH}`, `${API}${service.AUTHORIZED_PATH}`);
    const state = URL.canParse(query.redirect_uri ?? '') ? new URL(query.redirect_uri!).searchParams.get('state') : null;
    const shopOrigin = state ? await service.consoleOriginOf(state) : null;
    const csp = res.getHeader('Content-Security-Policy');
    if (shopOrigin && typeof csp === 'string') res.setHeader('Content-Security-Policy', csp.replace(/form-action [^;]*/, `form-action 'self' ${shopOrigin}`));
    res.status(page.status).type('html').send(page.html);
  },
});

route({
  method: 'get', path: SANDBOX_CONFIRM_PATH, tags, summary: 'The sandbox page\'s confirm button: redirects to the callback with an auth_code', tenant: false, auth: 'public',
  query: sandboxConfirmQuery, raw: true, produces: ['redirect', 'text/html'],
  handler: async (_ctx, { query }, { res }) => {
    if (!sandboxOnly(res)) return;
    const confirmed = confirmAuthorization(query, `${API}${service.AUTHORIZED_PATH}`);
    if (confirmed.ok) res.redirect(302, confirmed.location);
    else res.status(confirmed.status).type('html').send(confirmed.html);
  },
});
