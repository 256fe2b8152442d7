import { z } from 'zod';
import { routeGroup } from '../../core/http.js';
import * as cart from './service.js';
import { cartViewSchema } from './schemas.js';

const route = routeGroup();
export const cartRoutes = route.list;

const tags = ['cart'];
const quantity = z.number().int().min(1).max(cart.MAX_QUANTITY);

route({
  method: 'get', path: '/shop/cart', tags, summary: 'My cart with live prices and stock', tenant: true, auth: 'shopper',
  response: cartViewSchema,
  handler: (ctx) => cart.viewCart(ctx),
});

route({
  method: 'post', path: '/shop/cart/items', tags, summary: 'Add a SKU (quantities add up); answers the cart', tenant: true, auth: 'shopper', status: 201,
  body: z.object({ skuId: z.number().int().positive(), quantity }).strict(),
  response: cartViewSchema,
  handler: (ctx, { body }) => cart.addToCart(ctx, body.skuId, body.quantity),
});

// PUT answers the same as PATCH: the mini-program's wx.request cannot send PATCH
for (const method of ['patch', 'put'] as const) {
  route({
    method, path: '/shop/cart/items/:id', tags, summary: method === 'patch' ? 'Change quantity or selection' : 'Change quantity or selection (PATCH for clients without it)', tenant: true, auth: 'shopper',
    body: z.object({ quantity: quantity.optional(), selected: z.boolean().optional() }).strict(), resources: { id: 'cartItem' }, example: { selected: false },
    response: cartViewSchema,
    handler: (ctx, { params, body }) => cart.updateCartItem(ctx, params.id, body),
  });
}

route({
  method: 'delete', path: '/shop/cart/items/:id', tags, summary: 'Remove a cart item', tenant: true, auth: 'shopper',
  resources: { id: 'cartItem' },
  response: cartViewSchema,
  handler: (ctx, { params }) => cart.removeCartItem(ctx, params.id),
});

route({
  method: 'post', path: '/shop/cart/select', tags, summary: 'Select or unselect every item', tenant: true, auth: 'shopper',
  body: z.object({ selected: z.boolean() }).strict(),
  response: cartViewSchema,
  handler: (ctx, { body }) => cart.selectAll(ctx, body.selected),
});

route({
  method: 'post', path: '/shop/cart/merge', tags, summary: 'Merge a cart kept before sign-in', tenant: true, auth: 'shopper',
  body: z.object({ items: z.array(z.object({ skuId: z.number().int().positive(), quantity }).strict()).max(cart.MAX_CART_LINES) }).strict(),
  response: cartViewSchema,
  handler: (ctx, { body }) => cart.mergeCart(ctx, body.items),
});
