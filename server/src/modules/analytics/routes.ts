import { routeGroup } from '../../core/http.js';
import { platformDashboardReply, visitBody, visitReply, workbenchReply } from './schemas.js';
import { platformDashboard, recordVisit, workbench } from './service.js';

const route = routeGroup();
export const analyticsRoutes = route.list;

const tags = ['analytics'];

route({
  method: 'post', path: '/shop/visits', tags, summary: 'The storefront was opened by a visitor (counted once per visitor and day)', tenant: true, auth: 'public',
  body: visitBody, response: visitReply, example: { visitorId: '6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b' },
  rateLimits: [{ rule: { name: 'shop-visits:ip', limit: 120, windowSeconds: 60 } }],
  handler: (ctx, { body }) => recordVisit(ctx, body.visitorId),
});

route({
  method: 'get', path: '/admin/workbench', tags, summary: 'The workbench: to-do counts, today\'s figures, the 30-day trend and the setup guide', tenant: true, auth: 'merchant',
  response: workbenchReply,
  handler: (ctx) => workbench(ctx),
});

route({
  method: 'get', path: '/platform/dashboard', tags, summary: 'The platform\'s figures (GMV, orders, new shops and suppliers) and the queues waiting for operators', tenant: false, auth: 'platform',
  response: platformDashboardReply,
  handler: (ctx) => platformDashboard(ctx),
});
