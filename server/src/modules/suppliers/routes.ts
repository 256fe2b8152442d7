import { z } from 'zod';
import { routeGroup } from '../../core/http.js';
import { signInLimits, signUpLimits } from '../../core/rate-limit.js';
import { confirmPasswordReset, emailSchema, loginBody, nameSchema, passwordSchema, requestPasswordReset, resetConfirmBody, resetRequestBody, signOut, tokenReply } from '../accounts/index.js';
import { applyBody, documentsBody, rejectBody, resubmitBody, supplierListQuery, supplierAuthLogoutReply, supplierAuthPasswordResetConfirmReply, supplierAuthPasswordResetReply, supplierMeReply, supplierStaffReply, supplierUserViewSchema, supplierViewSchema, suppliersApplyReply } from './schemas.js';
import * as suppliers from './service.js';
import * as staff from './staff-service.js';
import { pageSchema } from '../../core/db/index.js';

const route = routeGroup();
export const suppliersRoutes = route.list;

const tags = ['suppliers'];

route({
  method: 'post', path: '/suppliers/apply', tags, summary: 'Apply to supply the market', tenant: false, auth: 'public', status: 201,
  body: applyBody, rateLimits: signUpLimits('supplier-apply'),
  response: suppliersApplyReply,
  handler: (ctx, { body }) => suppliers.apply(ctx, body),
});

route({
  method: 'post', path: '/supplier/auth/login', tags, summary: 'Supplier staff sign-in', tenant: false, auth: 'public',
  body: loginBody, response: tokenReply, rateLimits: signInLimits('supplier'),
  handler: (ctx, { body }) => suppliers.supplierSignIn(ctx, body.email, body.password),
});

route({
  method: 'post', path: '/supplier/auth/logout', tags, summary: 'Supplier sign-out', tenant: false, auth: 'supplier', allowReadOnly: true,
  response: supplierAuthLogoutReply,
  handler: (ctx) => signOut(ctx),
});

route({
  method: 'post', path: '/supplier/auth/password-reset', tags, summary: 'Email supplier staff a reset link', tenant: false, auth: 'public',
  body: resetRequestBody, rateLimits: signInLimits('supplier-reset'),
  response: supplierAuthPasswordResetReply,
  handler: (ctx, { body }) => requestPasswordReset(ctx, 'supplier', body.email),
});

route({
  method: 'post', path: '/supplier/auth/password-reset/confirm', tags, summary: 'Set a new supplier password from a reset link', tenant: false, auth: 'public',
  body: resetConfirmBody,
  response: supplierAuthPasswordResetConfirmReply,
  handler: (ctx, { body }) => confirmPasswordReset(ctx, 'supplier', body.token, body.password),
});

route({
  method: 'get', path: '/supplier/me', tags, summary: 'The signed-in supplier user and company', tenant: false, auth: 'supplier',
  response: supplierMeReply,
  handler: (ctx) => suppliers.supplierMe(ctx),
});

route({
  method: 'put', path: '/supplier/application', tags, summary: 'Edit and resubmit the application after a rejection', tenant: false, auth: 'supplier',
  body: resubmitBody,
  response: supplierViewSchema,
  handler: (ctx, { body }) => suppliers.resubmit(ctx, body),
  audit: { action: 'supplier.resubmit', target: (_i, r) => ({ type: 'supplier', id: r.id }) },
});

route({
  method: 'post', path: '/supplier/documents', tags, summary: 'Add qualification documents', tenant: false, auth: 'supplier',
  body: documentsBody,
  response: supplierViewSchema,
  handler: (ctx, { body }) => suppliers.addDocuments(ctx, body.documents),
  audit: { action: 'supplier.documents.add', target: (_i, r) => ({ type: 'supplier', id: r.id }) },
});

route({
  method: 'get', path: '/platform/suppliers', tags, summary: 'Supplier applications and accounts', tenant: false, auth: 'platform',
  permission: ['read', 'Supplier'], query: supplierListQuery,
  response: pageSchema(supplierViewSchema),
  handler: (ctx, { query }) => suppliers.listSuppliers(ctx, query),
});

route({
  method: 'get', path: '/platform/suppliers/:id', tags, summary: 'One supplier', tenant: false, auth: 'platform',
  permission: ['read', 'Supplier'],
  response: supplierViewSchema,
  handler: async (ctx, { params }) => suppliers.supplierView(await suppliers.getSupplier(ctx, params.id)),
});

route({
  method: 'post', path: '/platform/suppliers/:id/reject', tags, summary: 'Reject an application with a reason', tenant: false, auth: 'platform',
  permission: ['review', 'Supplier'], body: rejectBody,
  response: supplierViewSchema,
  handler: (ctx, { params, body }) => suppliers.review(ctx, params.id, 'reject', body.reason),
  audit: { action: 'supplier.reject', target: ({ params }) => ({ type: 'supplier', id: params.id }), details: ({ body }) => body },
});

for (const action of ['approve', 'suspend', 'resume'] as const) {
  route({
    method: 'post', path: `/platform/suppliers/:id/${action}`, tags, summary: `${action[0]!.toUpperCase()}${action.slice(1)} a supplier`, tenant: false, auth: 'platform',
    permission: ['review', 'Supplier'],
    response: supplierViewSchema,
    handler: (ctx, { params }) => suppliers.review(ctx, params.id, action),
    audit: { action: `supplier.${action}`, target: ({ params }) => ({ type: 'supplier', id: params.id }) },
  });
}

route({
  method: 'get', path: '/supplier/staff', tags, summary: 'The supplier\'s people', tenant: false, auth: 'supplier',
  response: supplierStaffReply,
  handler: async (ctx) => ({ items: await staff.listSupplierStaff(ctx) }),
});

route({
  method: 'post', path: '/supplier/staff', tags, summary: 'Owner: add a colleague with a password', tenant: false, auth: 'supplier', status: 201,
  body: z.object({ email: emailSchema, name: nameSchema, password: passwordSchema }).strict(),
  response: supplierUserViewSchema,
  handler: (ctx, { body }) => staff.addSupplierStaff(ctx, body),
  audit: { action: 'supplier.staff.add', target: (_i, r) => ({ type: 'supplier_user', id: r.id }) },
});

route({
  method: 'delete', path: '/supplier/staff/:id', tags, summary: 'Owner: remove a colleague (signs them out)', tenant: false, auth: 'supplier', allowReadOnly: true,
  resources: { id: 'supplierStaff' },
  response: supplierUserViewSchema,
  handler: (ctx, { params }) => staff.removeSupplierStaff(ctx, params.id),
  audit: { action: 'supplier.staff.remove', target: ({ params }) => ({ type: 'supplier_user', id: params.id }) },
});
