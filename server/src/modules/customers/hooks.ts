/** The customers module's extension points. */
import type { Ctx } from '../../core/context.js';
import { defineHook } from '../../core/hooks.js';
import type { CustomerView } from './service.js';

/**
 * What other modules add to the signed-in shopper's own profile (`GET /shop/me`), each given the
 * view so far: membership adds the shopper's `level`. Customers names no such module.
 */
export const profileExtras = defineHook<(view: CustomerView, ctx: Ctx) => Promise<CustomerView>>('customers.profile-extras', 'sequence');
