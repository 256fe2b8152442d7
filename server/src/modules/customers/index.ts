/** The customers (shoppers) module's public surface. */
import './policy.js';
import './routes.js';

export { customerBrief, maskPhone, ensureCustomer, wechatPayer, type CustomerView } from './service.js';
export { phoneSchema } from './schemas.js';
export { addressForOrder, type AddressView } from './address-service.js';
