/**
 * Tenants as code: `npm run tenant -- apply tenants/acme.json [more.json ...]` creates or updates
 * each tenant from its manifest (idempotent). `npm run tenant -- apply-all` applies tenants/*.json.
 */
import { applyManifestFile, closePlatform, demoManifestFiles, openPlatform } from '../server/src/boot.js';
import { isEmbedded } from '../server/src/core/config.js';

const [command, ...files] = process.argv.slice(2);
if (command !== 'apply' && command !== 'apply-all') {
  console.error('usage: npm run tenant -- apply <manifest.json> [...] | apply-all');
  process.exit(2);
}
await openPlatform({ migrate: isEmbedded() });
try {
  for (const file of command === 'apply-all' ? demoManifestFiles() : files) {
    const result = await applyManifestFile(file);
    console.log(`${result.slug} (#${result.tenantId}): ${result.created ? 'created' : 'updated'}${result.changes.length ? ` — ${result.changes.join(', ')}` : ' — no changes'}`);
  }
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await closePlatform();
}
