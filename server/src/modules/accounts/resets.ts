/** Where platform users and merchant staff reset their passwords (accounts' `resettableAccounts` hook). */
import { platformUrl, tenantUrl } from '../../core/tenancy.js';
import { resettable } from './password-reset.js';
import { platformUserByEmail, setPlatformPasswordHash } from './platform-service.js';
import { setStaffPasswordHash, staffByEmail } from './staff-service.js';

export const accountResets = [
  resettable('platform', {
    find: platformUserByEmail,
    setPasswordHash: setPlatformPasswordHash,
    link: (_ctx, token) => `${platformUrl('/admin/')}#/reset-password?kind=platform&token=${encodeURIComponent(token)}`,
  }),
  resettable('merchant', {
    find: staffByEmail,
    setPasswordHash: setStaffPasswordHash,
    link: (ctx, token) => `${tenantUrl(ctx.tenant!.slug, '/admin/')}#/reset-password?token=${encodeURIComponent(token)}`,
  }),
];
