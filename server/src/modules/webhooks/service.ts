/**
 * A shop's endpoints: where its events go. The signing secret is made here, shown to the merchant
 * in the answer that made it (creation or rotation) and stored encrypted.
 */
import { config } from '../../core/config.js';
import type { Ctx } from '../../core/context.js';
import { encryptSecret } from '../../core/crypto.js';
import { withTransaction } from '../../core/db/index.js';
import { checkOutboundUrl } from '../../core/outbound.js';
import { webhookErrors } from './errors.js';
import * as repo from './repository.js';
import type { EndpointChanges, EndpointInput } from './schemas.js';
import { newSigningSecret } from './signing.js';

export const OUTBOUND_POLICY = { name: 'Webhook' } as const;

/** https, to a public address; plain http and local addresses only where core/outbound allows them (embedded mode, tests). */
async function checkUrl(url: string): Promise<void> {
  if (!config().outbound.allowPrivate && !url.startsWith('https://')) throw webhookErrors.badUrl('must be an https URL');
  const problem = await checkOutboundUrl(url, OUTBOUND_POLICY);
  if (problem) throw webhookErrors.badUrl(problem);
}

export async function createEndpoint(ctx: Ctx, input: EndpointInput): Promise<{ endpoint: repo.EndpointRow; secret: string }> {
  await checkUrl(input.url);
  const secret = newSigningSecret();
  const endpoint = await repo.insertEndpoint(ctx, { url: input.url, types: input.types, secret: encryptSecret(secret) });
  return { endpoint, secret };
}

export async function getEndpoint(ctx: Ctx, id: number): Promise<repo.EndpointRow> {
  const endpoint = await repo.findEndpoint(ctx, id);
  if (!endpoint) throw webhookErrors.endpointNotFound();
  return endpoint;
}

export async function updateEndpoint(ctx: Ctx, id: number, changes: EndpointChanges): Promise<repo.EndpointRow> {
  if (changes.url !== undefined) await checkUrl(changes.url);
  return withTransaction(ctx, async (tx) => {
    if (!(await repo.updateEndpoint(tx, id, changes))) throw webhookErrors.endpointNotFound();
    return getEndpoint(tx, id);
  });
}

export async function deleteEndpoint(ctx: Ctx, id: number): Promise<void> {
  const deleted = await withTransaction(ctx, (tx) => repo.deleteEndpoint(tx, id));
  if (!deleted) throw webhookErrors.endpointNotFound();
}

/** A new secret takes effect for the next attempt of every delivery; the old one stops at once. */
export async function rotateSecret(ctx: Ctx, id: number): Promise<string> {
  const secret = newSigningSecret();
  if (!(await repo.updateEndpoint(ctx, id, { secret: encryptSecret(secret) }))) throw webhookErrors.endpointNotFound();
  return secret;
}
