/** The suppliers module's public surface. */
import './policy.js';
import './routes.js';
import { platformUrl } from '../../core/tenancy.js';
import { registerResettable } from '../accounts/index.js';
import { setSupplierPasswordHash, supplierUserByEmail } from './service.js';

registerResettable('supplier', {
  find: supplierUserByEmail,
  setPasswordHash: setSupplierPasswordHash,
  link: (_ctx, token) => `${platformUrl('/admin/')}#/reset-password?kind=supplier&token=${encodeURIComponent(token)}`,
});

export { apply, assertApproved, assertNotSuspended, supplierStatus, getSupplier, supplierView, listSuppliers, review, type SupplierView } from './service.js';
export { supplierApplied, supplierApproved, supplierRejected, supplierSuspended, supplierStatusEvents } from './events.js';
export { isValidCreditCode, creditCodeCheckChar } from './credit-code.js';
export type { SupplierStatus, QualificationDocument } from './model.js';
