/** Where supplier staff reset their passwords (accounts' `resettableAccounts` hook). */
import { platformUrl } from '../../core/tenancy.js';
import { resettable } from '../accounts/index.js';
import { setSupplierPasswordHash, supplierUserByEmail } from './service.js';

export const supplierReset = resettable('supplier', {
  find: supplierUserByEmail,
  setPasswordHash: setSupplierPasswordHash,
  link: (_ctx, token) => `${platformUrl('/admin/')}#/reset-password?kind=supplier&token=${encodeURIComponent(token)}`,
});
