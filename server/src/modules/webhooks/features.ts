import { defineFeature } from '../../core/features.js';

/** Sending the shop's events to the merchant's own systems (plans: trial and pro, not basic). */
export const webhookEndpoints = defineFeature('webhooks.endpoints', '消息推送 (Webhook)', 'Webhooks');

export const webhooksFeatures = [webhookEndpoints];
