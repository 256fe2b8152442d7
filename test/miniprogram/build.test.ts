/**
 * One mini-program per tenant: `npm run build:miniprogram -- <slug>` renders a project whose
 * project.config.json carries the tenant's wechat_mp appid and whose config.generated.js names its API
 * base, name and theme; an unknown slug or a tenant without a mini-program app is refused in words;
 * the template carries no tenant at all.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildMiniprogram, TOURIST_APPID } from '../../scripts/miniprogram/build.js';
import { tenantConfigFor } from '../../scripts/miniprogram/tenant.js';
import { merchant } from '../factories/index.js';
import { shopApi } from '../support/http.js';
import { randomAppId } from './support/harness.js';

const require = createRequire(import.meta.url);
const run = promisify(execFile);
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 's2b2c-mpbuild-'));
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

async function tenantWithApp(name: string, color: string) {
  const m = await merchant({ name });
  const admin = shopApi(m.slug, m.token);
  const appId = randomAppId();
  expect((await admin.post('/admin/store/apps').send({ appid: appId, channel: 'wechat_mp' })).status).to.equal(201);
  expect((await admin.put('/admin/store/branding').send({ primaryColor: color, logoUrl: 'https://cdn.example.com/logo.png' })).status).to.equal(200);
  return { m, appId };
}

/** The CLI as a person runs it, against this run's database (the child inherits DATA_DIR / DATABASE_URL). */
function cli(args: string[]) {
  return run(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'scripts/build-miniprogram.ts', ...args], { env: process.env, timeout: 120_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

describe('mini-program build per tenant', function () {
  this.timeout(180_000);

  it('renders two tenants into two projects, each with its own appid, API base, name and theme', async () => {
    const a = await tenantWithApp('茶舍', '#07c160');
    const b = await tenantWithApp('花坊', '#1989fa');
    const out = tmp();
    for (const [t, base] of [[a, 'https://a.example.com/api/v1/'], [b, 'https://b.example.com/api/v1']] as const) {
      const config = await tenantConfigFor(t.m.slug, { apiBase: base });
      buildMiniprogram({ outDir: path.join(out, t.m.slug), config, projectName: config.name });
    }
    const projectA = json(path.join(out, a.m.slug, 'project.config.json'));
    const projectB = json(path.join(out, b.m.slug, 'project.config.json'));
    expect(projectA.appid).to.equal(a.appId);
    expect(projectB.appid).to.equal(b.appId);
    expect(projectA.compileType).to.equal('miniprogram');
    const configA = require(path.join(out, a.m.slug, 'config.generated.js'));
    const configB = require(path.join(out, b.m.slug, 'config.generated.js'));
    expect(configA).to.deep.equal({
      apiBase: 'https://a.example.com/api/v1',
      appId: a.appId,
      slug: a.m.slug,
      name: '茶舍',
      primaryColor: '#07c160',
      logoUrl: 'https://cdn.example.com/logo.png',
      socketUrl: 'wss://a.example.com',
    });
    expect(configB).to.include({ appId: b.appId, name: '花坊', primaryColor: '#1989fa', apiBase: 'https://b.example.com/api/v1' });
    // a complete project: the app, every page of app.json with its four files, the shared block definitions
    const app = json(path.join(out, a.m.slug, 'app.json')) as { pages: string[]; tabBar: { list: Array<{ iconPath: string }> } };
    for (const page of app.pages) for (const ext of ['js', 'json', 'wxml', 'wxss']) expect(existsSync(path.join(out, a.m.slug, `${page}.${ext}`)), `${page}.${ext}`).to.equal(true);
    for (const tab of app.tabBar.list) expect(existsSync(path.join(out, a.m.slug, tab.iconPath)), tab.iconPath).to.equal(true);
    expect(existsSync(path.join(out, a.m.slug, 'shared', 'blocks.js'))).to.equal(true);
    expect(readFileSync(path.join(out, a.m.slug, 'lib', 'nav.js'), 'utf8')).to.not.match(/\bimport\b|\.ts"/);
  });

  it('defaults the API base to the platform origin', async () => {
    const a = await tenantWithApp('默认', '#ee0a24');
    const config = await tenantConfigFor(a.m.slug);
    expect(config.apiBase).to.match(/^https?:\/\/[^/]+\/api\/v1$/);
    expect(config.socketUrl).to.match(/^wss?:\/\/[^/]+$/);
  });

  it('through the CLI: builds a tenant into --out, refuses an unknown slug and a tenant without a wechat_mp app in words', async () => {
    const withApp = await tenantWithApp('命令行', '#ff976a');
    const without = await merchant();
    const out = tmp();
    const [built, unknown, noApp] = await Promise.all([
      cli([withApp.m.slug, '--api-base', 'https://cli.example.com/api/v1', '--out', path.join(out, 'x')]),
      cli(['no-such-shop', '--out', path.join(out, 'y')]),
      cli([without.slug, '--out', path.join(out, 'z')]),
    ]);
    expect(built.code, built.stderr).to.equal(0);
    expect(built.stdout).to.contain(withApp.appId).and.contain('KB');
    expect(json(path.join(out, 'x', 'project.config.json')).appid).to.equal(withApp.appId);
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr).to.contain('No tenant with slug "no-such-shop"');
    expect(noApp.code).to.equal(1);
    expect(noApp.stderr).to.contain(`Tenant "${without.slug}" has no wechat_mp app`);
    expect(existsSync(path.join(out, 'y')) || existsSync(path.join(out, 'z'))).to.equal(false);
  });

  it('builds the template without any tenant data', () => {
    const out = path.join(tmp(), 'tpl');
    const result = buildMiniprogram({ outDir: out, config: null, projectName: 'template' });
    expect(json(path.join(out, 'project.config.json')).appid).to.equal(TOURIST_APPID);
    expect(require(path.join(out, 'config.generated.js'))).to.equal(null);
    expect(result.bytes).to.be.greaterThan(10_000).and.lessThan(2 * 1024 * 1024);
  });
});
