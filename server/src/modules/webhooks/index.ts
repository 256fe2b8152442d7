/**
 * The webhooks module's public surface. Other modules need nothing from it: it hears every event
 * through core, and a module's events reach the merchant by being declared in its `events`.
 * What is exported is for the signature's receivers (tests, a future SDK page).
 */
export { verifySignature, SIGNATURE_HEADER, DELIVERY_HEADER } from './signing.js';
export { webhooksSettings } from './settings.js';
