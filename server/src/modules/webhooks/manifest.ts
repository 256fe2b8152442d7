/**
 * The `webhooks` section of a tenant manifest: endpoints the shop starts with (the demo shop's
 * points at the sandbox receiver). Applied idempotently: an endpoint whose URL the shop has
 * already is left as it is.
 */
import { z } from 'zod';
import { requireTenantId } from '../../core/context.js';
import { manifestSection } from '../merchants/index.js';
import * as repo from './repository.js';
import { endpointBody } from './schemas.js';
import { sandboxUrl } from './sandbox.js';
import { createEndpoint } from './service.js';

const seed = endpointBody.extend({ url: z.union([z.literal('sandbox'), endpointBody.shape.url]) });

export const webhooksManifest = manifestSection('webhooks', {
  schema: z.array(seed).max(10),
  async apply(ctx, endpoints, changes) {
    const have = new Set((await repo.listEndpoints(ctx)).map((e) => e.url));
    for (const e of endpoints) {
      const url = e.url === 'sandbox' ? sandboxUrl(requireTenantId(ctx)) : e.url;
      if (have.has(url)) continue;
      await createEndpoint(ctx, { url, types: e.types });
      have.add(url);
      changes.push(`webhook ${url}`);
    }
  },
});
