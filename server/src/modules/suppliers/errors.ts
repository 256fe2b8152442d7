import { conflict, forbidden } from '../../core/errors.js';

export const supplierErrors = {
  licenseTaken: () => conflict('license_taken', 'A supplier with this credit code has applied already', [{ field: 'licenseNo', message: 'already registered' }]),
  emailTaken: (email: string) => conflict('email_taken', `${email} already has a supplier account`, [{ field: 'email', message: 'already taken' }]),
  notApproved: () => forbidden('Your supplier application is not approved yet', 'supplier_not_approved'),
  wrongStatus: (status: string, action: string) => conflict('invalid_state', `A ${status} supplier cannot be ${action}`),
};
