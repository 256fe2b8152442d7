import { z } from 'zod';
import { routeGroup } from '../../core/http.js';
import { actorKey, signInLimits, signUpLimits } from '../../core/rate-limit.js';
import { signOut } from '../accounts/index.js';
import * as addresses from './address-service.js';
import { addressBody, addressUpdate, bindPhoneBody, customerListQuery, loginBody, profileBody, registerBody, resetBody, smsCodeBody, wechatBody, addressViewSchema, customerViewSchema, deleteShopAddressesReply, shopAddressesReply, shopAuthLoginReply, shopAuthLogoutReply, shopAuthPasswordResetReply, shopAuthSmsCodeReply } from './schemas.js';
import * as customers from './service.js';
import { pageSchema } from '../../core/db/index.js';

const route = routeGroup();
export const customersRoutes = route.list;

const tags = ['shoppers'];
const signedIn = z.object({ token: z.string(), expiresAt: z.string(), customer: z.object({ id: z.number(), isNew: z.boolean() }) });

route({
  method: 'post', path: '/shop/auth/register', tags, summary: 'Shopper sign-up with phone and password', tenant: true, auth: 'public', status: 201,
  body: registerBody, response: signedIn, rateLimits: signUpLimits('shopper-signup'),
  handler: (ctx, { body }) => customers.register(ctx, body),
});

route({
  method: 'post', path: '/shop/auth/login', tags, summary: 'Shopper sign-in with phone and password, or phone and SMS code', tenant: true, auth: 'public',
  body: loginBody, rateLimits: signInLimits('shopper'),
  response: shopAuthLoginReply,
  handler: (ctx, { body }) => (body.code ? customers.loginWithCode(ctx, body.phone, body.code) : customers.loginWithPassword(ctx, body.phone, body.password!)),
});

route({
  method: 'post', path: '/shop/auth/sms-code', tags, summary: 'Text a 6-digit code for sign-in, phone binding or password reset', tenant: true, auth: 'public',
  body: smsCodeBody,
  response: shopAuthSmsCodeReply,
  handler: (ctx, { body }) => customers.requestCode(ctx, body.phone, body.purpose),
});

route({
  method: 'post', path: '/shop/auth/wechat', tags, summary: 'Mini-program sign-in: wx.login code -> code2session', tenant: true, auth: 'public',
  body: wechatBody, response: signedIn, rateLimits: signInLimits('shopper-wechat'),
  handler: (ctx, { body }, { req }) => customers.loginWithWechat(ctx, body.code, req.get('x-app-id') || undefined),
});

route({
  method: 'post', path: '/shop/auth/password-reset', tags, summary: 'Set a new password with an SMS code (ends all sessions)', tenant: true, auth: 'public',
  body: resetBody, rateLimits: signInLimits('shopper-reset'),
  response: shopAuthPasswordResetReply,
  handler: (ctx, { body }) => customers.resetPassword(ctx, body),
});

route({
  method: 'post', path: '/shop/auth/logout', tags, summary: 'Shopper sign-out', tenant: true, auth: 'shopper',
  response: shopAuthLogoutReply,
  handler: (ctx) => signOut(ctx),
});

route({
  method: 'get', path: '/shop/me', tags, summary: 'The signed-in shopper', tenant: true, auth: 'shopper',
  response: customerViewSchema,
  handler: (ctx) => customers.me(ctx),
});

route({
  method: 'patch', path: '/shop/me', tags, summary: 'Change nickname or avatar', tenant: true, auth: 'shopper',
  body: profileBody,
  response: customerViewSchema,
  handler: (ctx, { body }) => customers.updateProfile(ctx, body),
});

route({
  method: 'put', path: '/shop/me/phone', tags, summary: 'Bind or change the phone number with an SMS code', tenant: true, auth: 'shopper',
  body: bindPhoneBody,
  // each try spends one of the code's five; beyond that a shopper has no reason to keep trying
  rateLimits: [{ rule: { name: 'shopper-phone', limit: 10, windowSeconds: 600 }, key: actorKey }],
  response: customerViewSchema,
  handler: (ctx, { body }) => customers.bindPhone(ctx, body.phone, body.code),
});

route({
  method: 'get', path: '/admin/customers', tags, summary: 'Shoppers of this shop (phones masked without customers.phone)', tenant: true, auth: 'merchant',
  permission: ['read', 'Customer'], query: customerListQuery,
  response: pageSchema(customerViewSchema),
  handler: (ctx, { query }) => customers.listCustomers(ctx, query),
});

route({
  method: 'get', path: '/admin/customers/:id', tags, summary: 'One shopper', tenant: true, auth: 'merchant',
  permission: ['read', 'Customer'], resources: { id: 'customer' },
  response: customerViewSchema,
  handler: (ctx, { params }) => customers.getCustomer(ctx, params.id),
});

route({
  method: 'get', path: '/shop/addresses', tags, summary: 'My address book', tenant: true, auth: 'shopper',
  response: shopAddressesReply,
  handler: async (ctx) => ({ items: await addresses.listAddresses(ctx) }),
});

route({
  method: 'post', path: '/shop/addresses', tags, summary: 'Add an address', tenant: true, auth: 'shopper', status: 201,
  body: addressBody,
  response: addressViewSchema,
  handler: (ctx, { body }) => addresses.addAddress(ctx, body),
});

route({
  method: 'put', path: '/shop/addresses/:id', tags, summary: 'Change an address', tenant: true, auth: 'shopper',
  body: addressUpdate, resources: { id: 'address' }, example: { isDefault: true },
  response: addressViewSchema,
  handler: (ctx, { params, body }) => addresses.updateAddress(ctx, params.id, body),
});

route({
  method: 'delete', path: '/shop/addresses/:id', tags, summary: 'Remove an address', tenant: true, auth: 'shopper',
  resources: { id: 'address' },
  response: deleteShopAddressesReply,
  handler: (ctx, { params }) => addresses.removeAddress(ctx, params.id),
});
