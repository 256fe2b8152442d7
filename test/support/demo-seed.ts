/** Seeds the living demo as main.ts does on an embedded start: the manifests of tenants/, then the demo. */
import { readFileSync } from 'node:fs';
import { applyManifestFile, demoManifestFiles, ensureFirstOperator } from '../../server/src/boot.js';
import { seedDemo, type DemoSeedResult, type DemoTenant } from '../../server/src/demo/index.js';
import { testApp } from './http.js';

export async function seedDemoLikeMain(): Promise<DemoSeedResult> {
  await ensureFirstOperator();
  const tenants: DemoTenant[] = [];
  for (const file of demoManifestFiles()) {
    const applied = await applyManifestFile(file);
    tenants.push({ ...(JSON.parse(readFileSync(file, 'utf8')) as Omit<DemoTenant, 'slug'>), slug: applied.slug });
  }
  return seedDemo(testApp(), tenants);
}
