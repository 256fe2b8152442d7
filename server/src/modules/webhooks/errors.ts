import { invalidState, notFound, ValidationError } from '../../core/errors.js';

export const webhookErrors = {
  endpointNotFound: () => notFound('Webhook endpoint'),
  deliveryNotFound: () => notFound('Webhook delivery'),
  badUrl: (problem: string) => ValidationError.field('url', problem),
  disabled: () => invalidState('This endpoint is disabled; enable it first'),
  badRange: (message: string) => ValidationError.field('to', message),
};
