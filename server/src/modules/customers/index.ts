/** The customers (shoppers) module's public surface. */
export { customerBrief, customerBriefs, customersMatching, maskPhone, ensureCustomer, walkInCustomer, wechatPayer, type CustomerView } from './service.js';
export { phoneSchema } from './schemas.js';
export { addressForOrder, type AddressView } from './address-service.js';
export { customerSignedUp, profileExtras } from './hooks.js';
