/**
 * `npm run build:miniprogram -- <slug> [--api-base URL] [--out DIR]` renders the WeChat mini-program
 * for one tenant into dist/miniprogram/<slug>/ (opens in WeChat's developer tools as is);
 * `npm run build:miniprogram -- --template` renders the tenant-neutral template into
 * dist/miniprogram/_template/ (what the third-party platform uploads; tenants get their config
 * through ext_json).
 */
import path from 'node:path';
import { closePlatform, openPlatform } from '../server/src/boot.js';
import { isEmbedded } from '../server/src/core/config.js';
import { buildMiniprogram, distRoot, type BuildResult } from './miniprogram/build.js';
import { BuildRefused, tenantConfigFor } from './miniprogram/tenant.js';

const USAGE = 'usage: npm run build:miniprogram -- <slug> [--api-base URL] [--out DIR] | --template [--out DIR]';

function parse(argv: string[]): { slug?: string; template: boolean; apiBase?: string; out?: string } {
  const out: { slug?: string; template: boolean; apiBase?: string; out?: string } = { template: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--template') out.template = true;
    else if (arg === '--api-base') out.apiBase = argv[++i];
    else if (arg.startsWith('--api-base=')) out.apiBase = arg.slice('--api-base='.length);
    else if (arg === '--out') out.out = argv[++i];
    else if (arg.startsWith('--out=')) out.out = arg.slice('--out='.length);
    else if (!arg.startsWith('-') && !out.slug) out.slug = arg;
    else throw new BuildRefused(`Unknown argument "${arg}".\n${USAGE}`);
  }
  if (out.template === !!out.slug) throw new BuildRefused(USAGE);
  if (out.apiBase !== undefined && !/^https?:\/\/[^/]+/.test(out.apiBase)) throw new BuildRefused(`--api-base must be an http(s) URL, e.g. https://shop.example.com/api/v1 (got "${out.apiBase ?? ''}").`);
  return out;
}

const report = (what: string, r: BuildResult) =>
  console.log(`${what} -> ${path.relative(process.cwd(), r.outDir) || r.outDir}: ${r.files} files, ${(r.bytes / 1024).toFixed(1)} KB (WeChat's main package limit: 2048 KB)`);

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  if (args.template) {
    report('template', buildMiniprogram({ outDir: path.resolve(args.out ?? path.join(distRoot, '_template')), config: null, projectName: 'shop-template' }));
    return;
  }
  const slug = args.slug!;
  await openPlatform({ migrate: isEmbedded() });
  try {
    const config = await tenantConfigFor(slug, args.apiBase ? { apiBase: args.apiBase } : {});
    report(`${slug} (appid ${config.appId}, API ${config.apiBase})`, buildMiniprogram({ outDir: path.resolve(args.out ?? path.join(distRoot, slug)), config, projectName: `${config.name} (${slug})` }));
  } finally {
    await closePlatform();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof BuildRefused ? `build:miniprogram: ${err.message}` : err);
  process.exitCode = 1;
});
