/**
 * A receiver to try webhooks without one of your own, where the outbound guard lets the platform
 * call a local address (embedded mode and tests; elsewhere it is not found): it checks a delivery
 * as a merchant's receiver must, the signature against the endpoint's secret within the tolerance,
 * and refuses one that does not match. The demo shop's endpoint points here, so its console shows
 * deliveries that arrived.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { clock } from '../../core/clock.js';
import { config } from '../../core/config.js';
import { runInContext, systemContext } from '../../core/context.js';
import { decryptSecret } from '../../core/crypto.js';
import { notFound } from '../../core/errors.js';
import { API_PREFIX } from '../../core/http.js';
import * as repo from './repository.js';
import { DELIVERY_HEADER, SIGNATURE_HEADER, verifySignature } from './signing.js';

export const SANDBOX_PATH = '/webhooks/sandbox/:tenantId';

export const sandboxOpen = (): boolean => config().outbound.allowPrivate;

/** The sandbox's URL for a shop's endpoint, on this server. */
export function sandboxUrl(tenantId: number): string {
  return `http://127.0.0.1:${config().port}${API_PREFIX}${SANDBOX_PATH.replace(':tenantId', String(tenantId))}`;
}

const header = (headers: IncomingHttpHeaders, name: string) => String(headers[name.toLowerCase()] ?? '');

/** True when the delivery is the shop's and its signature is right. */
export async function receiveInSandbox(tenantId: number, headers: IncomingHttpHeaders, body: string): Promise<boolean> {
  if (!sandboxOpen()) throw notFound('Route');
  const ctx = systemContext('webhooks.sandbox', tenantId);
  return runInContext(ctx, async () => {
    const deliveryId = Number(header(headers, DELIVERY_HEADER));
    const delivery = Number.isSafeInteger(deliveryId) && deliveryId > 0 ? await repo.findDelivery(ctx, deliveryId) : null;
    const secret = delivery ? await repo.endpointSecret(ctx, delivery.endpointId) : null;
    return !!secret && verifySignature(decryptSecret(secret), header(headers, SIGNATURE_HEADER), body, Math.floor(clock.nowMs() / 1000));
  });
}
