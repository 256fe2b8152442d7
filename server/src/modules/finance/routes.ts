import { z } from 'zod';
import { requireTenantId, type Ctx } from '../../core/context.js';
import { pageQuery, pageOf, pageSchema } from '../../core/db/index.js';
import { routeGroup } from '../../core/http.js';
import { acrossTenants } from '../../core/db/index.js';
import { balanceOf, entriesOf, PLATFORM, type Account } from './ledger.js';
import { reconcile } from './reconciliation.js';
import { listWithdrawals, requestWithdrawal, reviewWithdrawal } from './withdrawals.js';
import { balanceSchema, entryViewSchema, reconciliationSchema, withdrawalViewSchema } from './schemas.js';

const route = routeGroup();
export const financeRoutes = route.list;

const tags = ['finance'];
const entriesQuery = pageQuery.extend({ kind: z.string().trim().max(32).optional() });
const withdrawalBody = z
  .object({
    amount: z.number().int().min(100, 'at least 100 fen').max(10_000_000_00),
    payee: z.object({ accountName: z.string().trim().min(2).max(64), bankName: z.string().trim().min(2).max(64), accountNo: z.string().trim().regex(/^\d{8,30}$/, 'a bank account number') }).strict(),
  })
  .strict();
const statusQuery = pageQuery.extend({ status: z.enum(['pending', 'paid', 'rejected']).optional() });

const shopAccount = (ctx: Ctx): Account & { type: 'tenant' } => ({ type: 'tenant', id: requireTenantId(ctx) });
const supplierAccount = (ctx: Ctx & { actor: { kind: 'supplier'; supplierId: number } }): Account & { type: 'supplier' } => ({ type: 'supplier', id: ctx.actor.supplierId });

async function entriesPage(ctx: Ctx, account: Account, q: z.infer<typeof entriesQuery>) {
  const { rows, count } = await entriesOf(ctx, account, q, q.kind);
  return pageOf(q, rows, count);
}

// ---- the shop ----

route({
  method: 'get', path: '/admin/finance/summary', tags, summary: 'The shop\'s money: available and frozen', tenant: true, auth: 'merchant',
  permission: ['read', 'Finance'], response: z.object({ available: z.number(), frozen: z.number(), held: z.number() }),
  handler: (ctx) => balanceOf(ctx, shopAccount(ctx)),
});

route({
  method: 'get', path: '/admin/finance/entries', tags, summary: 'The shop\'s ledger entries', tenant: true, auth: 'merchant',
  permission: ['read', 'Finance'], query: entriesQuery,
  response: pageSchema(entryViewSchema),
  handler: (ctx, { query }) => entriesPage(ctx, shopAccount(ctx), query),
});

route({
  method: 'post', path: '/admin/finance/withdrawals', tags, summary: 'Ask to withdraw available money', tenant: true, auth: 'merchant', status: 201,
  permission: ['withdraw', 'Finance'], body: withdrawalBody,
  response: withdrawalViewSchema,
  handler: (ctx, { body }) => requestWithdrawal(ctx, shopAccount(ctx), body.amount, body.payee),
  audit: { action: 'finance.withdraw', target: (_i, r) => ({ type: 'withdrawal', id: r.id }), details: ({ body }) => ({ amount: body.amount }) },
});

route({
  method: 'get', path: '/admin/finance/withdrawals', tags, summary: 'The shop\'s withdrawals', tenant: true, auth: 'merchant',
  permission: ['read', 'Finance'], query: statusQuery,
  response: pageSchema(withdrawalViewSchema),
  handler: (ctx, { query }) => listWithdrawals(ctx, query, shopAccount(ctx)),
});

// ---- suppliers ----

route({
  method: 'get', path: '/supplier/finance/summary', tags, summary: 'The supplier\'s money: available and frozen', tenant: false, auth: 'supplier',
  response: balanceSchema,
  handler: (ctx) => balanceOf(ctx, supplierAccount(ctx)),
});

route({
  method: 'get', path: '/supplier/finance/entries', tags, summary: 'The supplier\'s ledger entries', tenant: false, auth: 'supplier',
  query: entriesQuery,
  response: pageSchema(entryViewSchema),
  handler: (ctx, { query }) => entriesPage(ctx, supplierAccount(ctx), query),
});

route({
  method: 'post', path: '/supplier/finance/withdrawals', tags, summary: 'Ask to withdraw available money', tenant: false, auth: 'supplier', status: 201,
  body: withdrawalBody,
  response: withdrawalViewSchema,
  handler: (ctx, { body }) => requestWithdrawal(ctx, supplierAccount(ctx), body.amount, body.payee),
  audit: { action: 'finance.withdraw', target: (_i, r) => ({ type: 'withdrawal', id: r.id }), details: ({ body }) => ({ amount: body.amount }) },
});

route({
  method: 'get', path: '/supplier/finance/withdrawals', tags, summary: 'The supplier\'s withdrawals', tenant: false, auth: 'supplier',
  query: statusQuery,
  response: pageSchema(withdrawalViewSchema),
  handler: (ctx, { query }) => listWithdrawals(ctx, query, supplierAccount(ctx)),
});

// ---- the platform ----

route({
  method: 'get', path: '/platform/withdrawals', tags, summary: 'Withdrawals to review', tenant: false, auth: 'platform',
  permission: ['read', 'Finance'], query: statusQuery,
  response: pageSchema(withdrawalViewSchema),
  handler: (ctx, { query }) => listWithdrawals(ctx, query),
});

route({
  method: 'post', path: '/platform/withdrawals/:id/approve', tags, summary: 'Pay a withdrawal out', tenant: false, auth: 'platform',
  permission: ['review', 'Finance'],
  response: withdrawalViewSchema,
  handler: (ctx, { params }) => reviewWithdrawal(ctx, params.id, 'approve'),
  audit: { action: 'withdrawal.approve', target: ({ params }) => ({ type: 'withdrawal', id: params.id }) },
});

route({
  method: 'post', path: '/platform/withdrawals/:id/reject', tags, summary: 'Reject a withdrawal; the amount returns to available', tenant: false, auth: 'platform',
  permission: ['review', 'Finance'], body: z.object({ reason: z.string().trim().min(2).max(255) }).strict(),
  response: withdrawalViewSchema,
  handler: (ctx, { params, body }) => reviewWithdrawal(ctx, params.id, 'reject', body.reason),
  audit: { action: 'withdrawal.reject', target: ({ params }) => ({ type: 'withdrawal', id: params.id }), details: ({ body }) => body },
});

route({
  method: 'get', path: '/platform/finance/summary', tags, summary: 'The platform\'s fees: available and frozen', tenant: false, auth: 'platform',
  permission: ['read', 'Finance'],
  response: balanceSchema,
  handler: (ctx) => balanceOf(ctx, PLATFORM),
});

route({
  method: 'get', path: '/platform/finance/reconciliation', tags, summary: 'Payments − refunds − withdrawals against the sum of all ledger entries', tenant: false, auth: 'platform',
  permission: ['read', 'Finance'],
  response: reconciliationSchema,
  handler: (ctx) => acrossTenants('finance: reconciliation reads every shop\'s payments', () => reconcile(ctx)),
});
