import { defineFeature } from '../../core/features.js';

/** Serving the shop at the merchant's own host name (the platform's subdomain is always there). */
export const customDomains = defineFeature('tenants.custom-domains', '自定义域名', 'Custom domains');

export const tenantFeatures = [customDomains];
