import { conflict, forbidden } from '../../core/errors.js';

export const supplierErrors = {
  licenseTaken: () => conflict('license_taken', 'A supplier with this credit code has applied already', [{ field: 'licenseNo', message: 'already registered' }]),
  emailTaken: (email: string) => conflict('email_taken', `${email} already has a supplier account`, [{ field: 'email', message: 'already taken' }]),
  notApproved: () => forbidden('Your supplier application is not approved yet', 'supplier_not_approved'),
  wrongStatus: (status: string, action: string) => conflict('invalid_state', `A ${status} supplier cannot be ${action}`),
  suspendedReason: () => ({
    code: 'supplier_suspended',
    message: 'Your supplier account is suspended: you may read, ship paid orders and decide their after-sales cases, nothing else',
  }),
  suspended: () => conflict('supplier_suspended', 'The supplier is suspended: its products stay off the market until it is resumed'),
};
