import { AppError, conflict, forbidden } from '../../core/errors.js';

export const tenantErrors = {
  slugTaken: (slug: string) => conflict('slug_taken', `The address ${slug} is already taken`, [{ field: 'slug', message: 'already taken' }]),
  slugReserved: (slug: string) => conflict('slug_taken', `The address ${slug} is reserved`, [{ field: 'slug', message: 'reserved' }]),
  domainTaken: (domain: string) => conflict('domain_taken', `${domain} is already used by a shop`, [{ field: 'domain', message: 'already taken' }]),
  domainInvalid: (domain: string, why: string) => new AppError(400, 'validation_failed', `${domain} cannot be used: ${why}`, [{ field: 'domain', message: why }]),
  appidTaken: (appid: string) => conflict('appid_taken', `The app ${appid} is already bound to a shop`, [{ field: 'appid', message: 'already taken' }]),
  notBrandOwner: () => forbidden('Only brand owners onboard distributors', 'not_brand_owner'),
};
