/** The suppliers module's public surface. */
export { apply, assertApproved, assertNotSuspended, supplierStatus, getSupplier, supplierView, listSuppliers, suppliersAppliedSince, review, type SupplierView } from './service.js';
export { supplierApplied, supplierApproved, supplierRejected, supplierSuspended, supplierStatusEvents } from './events.js';
export { supplierNames } from './repository.js';
export { isValidCreditCode, creditCodeCheckChar } from './credit-code.js';
export type { SupplierStatus, QualificationDocument } from './model.js';
