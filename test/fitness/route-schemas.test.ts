import { expect } from 'chai';
import { routes, type AnyRoute } from '../../server/src/core/http.js';
import { openApiDocument } from '../../server/src/core/openapi.js';
import { testApp } from '../support/http.js';

/**
 * Every route says what it takes and what it answers: the API document, the reply check of the
 * test configuration (core/reply-check.ts) and the web apps' types are all made from these schemas,
 * so a route without them is a hole in all three.
 */

/** Writes that take no JSON body, each with the reason. A new one fails here until it is listed. */
const BODILESS_WRITES: Record<string, string> = {
  // signing out needs only the token
  'POST /platform/auth/logout': 'the token is the input',
  'POST /admin/auth/logout': 'the token is the input',
  'POST /shop/auth/logout': 'the token is the input',
  'POST /supplier/auth/logout': 'the token is the input',
  // files arrive as multipart form data, read by multer
  'POST /uploads': 'multipart upload',
  'POST /supplier/products/import': 'multipart upload',
  'POST /supplier/fulfillments/ship-sheet': 'multipart upload',
  'POST /admin/fulfillments/ship-sheet': 'multipart upload',
  // outside services post in their own formats, verified by signature in the handler
  'POST /logistics/kuaidi100/callback': "Kuaidi100's form fields",
  'POST /payments/notify/:method/:tenantId': "a gateway's signed notification, read raw",
  'POST /webhooks/sandbox/:tenantId': 'a webhook delivery as a receiver gets it, read raw to check its signature',
  'POST /payments/sandbox/:paymentId/confirm': "the sandbox gateway's confirm button",
  'POST /wechat/open/ticket': "WeChat's encrypted XML push, checked by its msg_signature",
  'POST /wechat/open/events/:appid': "WeChat's encrypted XML push, checked by its msg_signature",
  'POST /admin/miniprogram/authorize': 'the shop asking for its authorization link',
  'POST /admin/miniprogram/submissions/:id/release': 'an action on the path',
  'POST /admin/miniprogram/submissions/:id/withdraw': 'an action on the path',
  // a state change the path names fully
  'POST /platform/tenants/:id/suspend': 'an action on the path',
  'POST /admin/conversations/:id/accept': 'an action on the path',
  'POST /admin/webhooks/:id/rotate-secret': 'an action on the path',
  'POST /admin/community/leaders/:id/approve': 'an action on the path',
  'POST /admin/community/batches/:id/arrive': 'an action on the path: the batch reached its point',
  'POST /shop/community/leader/batches/:id/arrive': 'an action on the path: the leader says his batch arrived',
  'POST /admin/webhooks/deliveries/:id/redeliver': 'an action on the path',
  'POST /admin/store/pages/:id/publish': 'an action on the path: the draft as it is becomes the next version',
  'POST /admin/content/articles/:id/publish': 'an action on the path',
  'POST /admin/marketing/full-reductions/:id/end': 'an action on the path',
  'POST /admin/marketing/limited-prices/:id/end': 'an action on the path',
  'POST /admin/marketing/group-buys/:id/end': 'an action on the path',
  'POST /admin/content/articles/:id/unpublish': 'an action on the path',
  'POST /admin/marketing/flash-sales/:id/end': 'an action on the path: the session ends now',
  'POST /platform/content/articles/:id/publish': 'an action on the path',
  'POST /platform/content/articles/:id/unpublish': 'an action on the path',
  'POST /admin/store/pages/:id/versions/:version/restore': 'an action on the path',
  'POST /platform/tenants/:id/resume': 'an action on the path',
  'POST /platform/suppliers/:id/approve': 'an action on the path',
  'POST /platform/suppliers/:id/suspend': 'an action on the path',
  'POST /platform/steps/:id/retry': 'an action on the path',
  'POST /platform/suppliers/:id/resume': 'an action on the path',
  'POST /platform/products/:id/approve': 'an action on the path',
  'POST /supplier/products/:id/submit': 'an action on the path',
  'POST /supplier/products/:id/delist': 'an action on the path',
  'POST /supplier/products/:id/relist': 'an action on the path',
  'POST /admin/products/:id/on-sale': 'an action on the path',
  'POST /admin/products/:id/off-sale': 'an action on the path',
  'POST /platform/withdrawals/:id/approve': 'an action on the path',
  'POST /shop/orders/:id/cancel': 'an action on the path',
  'POST /shop/orders/:id/receive': 'an action on the path',
  'POST /shop/me/checkin': 'an action on the path',
  'POST /shop/distribution/apply': 'an action on the path',
  'POST /admin/distribution/distributors/:customerId/approve': 'an action on the path',
  'POST /admin/distribution/withdrawals/:id/approve': 'an action on the path',
  'POST /admin/orders/:id/cancel': 'an action on the path',
  'POST /shop/aftersales/:id/confirm-receipt': 'an action on the path',
  'POST /shop/aftersales/:id/escalate': 'an action on the path',
  'POST /shop/aftersales/:id/withdraw': 'an action on the path',
  'POST /admin/aftersales/:id/confirm-return': 'an action on the path',
  'POST /supplier/aftersales/:id/confirm-return': 'an action on the path',
  'POST /admin/marketing/coupons/:id/end': 'an action on the path',
};

const name = (r: AnyRoute) => `${r.method.toUpperCase()} ${r.path}`;

describe('fitness: route schemas', () => {
  before(() => testApp());

  it('every JSON route declares its response schema', () => {
    expect(routes().filter((r) => !r.raw && !r.response).map(name), 'routes without a response schema').to.deep.equal([]);
  });

  it('every raw route declares what it writes, and the schema of any JSON it writes', () => {
    const raw = routes().filter((r) => r.raw);
    expect(raw.filter((r) => !r.produces?.length).map(name), 'raw routes without produces').to.deep.equal([]);
    expect(raw.filter((r) => r.produces?.includes('application/json') && !r.response).map(name), 'raw JSON routes without a response schema').to.deep.equal([]);
  });

  it('every write takes a body schema, or is listed as bodiless with its reason', () => {
    const writes = routes().filter((r) => r.method === 'post' || r.method === 'put' || r.method === 'patch');
    expect(writes.filter((r) => !r.body && !BODILESS_WRITES[name(r)]).map(name), 'writes without a body schema').to.deep.equal([]);
    const listed = new Set(writes.filter((r) => !r.body).map(name));
    expect(Object.keys(BODILESS_WRITES).filter((k) => !listed.has(k)), 'listed as bodiless but gone or given a body').to.deep.equal([]);
  });
});

describe('the API document', () => {
  before(() => testApp());

  type Operation = { responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }>; headers?: unknown }> };
  const operation = (method: string, path: string) => (openApiDocument().paths as Record<string, Record<string, Operation>>)[`/api/v1${path}`]![method]!;

  it("shows each route's response schema", () => {
    const order = operation('get', '/shop/orders/{id}').responses['200']!.content!['application/json']!.schema as { properties: Record<string, unknown>; required: string[] };
    expect(order.properties).to.include.keys('orderNo', 'status', 'items', 'fulfillments', 'payAmount');
    expect(order.required).to.include('orderNo');
    const page = operation('get', '/admin/orders').responses['200']!.content!['application/json']!.schema as { properties: Record<string, unknown> };
    expect(page.properties).to.have.keys('items', 'total', 'page', 'pageSize', 'counts');
    const created = operation('post', '/supplier/products').responses['201']!.content!['application/json']!.schema as { properties: Record<string, unknown> };
    expect(created.properties).to.include.keys('id', 'title', 'skus');
    for (const [path, item] of Object.entries(openApiDocument().paths as Record<string, Record<string, Operation>>)) {
      for (const [method, op] of Object.entries(item)) {
        const success = Object.entries(op.responses).filter(([status]) => status !== 'default');
        expect(success, `${method} ${path} documents no reply`).to.not.be.empty;
        for (const [, reply] of success) {
          for (const [type, body] of Object.entries(reply.content ?? {})) {
            if (type === 'application/json') expect(body.schema, `${method} ${path}`).to.not.deep.equal({});
          }
        }
      }
    }
  });

  it('shows what a download and a redirect send', () => {
    expect(operation('get', '/supplier/products/export').responses['200']!.content).to.have.keys('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv');
    expect(operation('get', '/shop/payments/{id}/return').responses).to.have.property('302');
  });
});
