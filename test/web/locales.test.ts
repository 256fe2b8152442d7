/**
 * English is complete: every message file under a `locales/zh-CN` folder has its `locales/en` twin
 * with exactly the same keys, and no message is empty.
 */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { permissionCatalog } from '../../server/src/core/permissions.js';

const roots = ['web/shared/locales', 'web/admin/src/locales', 'web/shop/src/locales', 'web/miniprogram/src/locales'];

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

function empty(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? (v.trim() ? [] : [`${prefix}${k}`]) : empty(v, `${prefix}${k}.`)));
}

const load = async (file: string): Promise<Tree> => ((await import(pathToFileURL(path.resolve(file)).href)) as { default: Tree }).default;

describe('web locales', () => {
  for (const root of roots) {
    it(`${root}: en has every key zh-CN has, and no other`, async () => {
      const areas = readdirSync(path.join(root, 'zh-CN')).filter((f) => f.endsWith('.ts'));
      expect(readdirSync(path.join(root, 'en')).filter((f) => f.endsWith('.ts')).sort()).to.deep.equal(areas.sort());
      for (const area of areas) {
        const zh = await load(path.join(root, 'zh-CN', area));
        const en = await load(path.join(root, 'en', area));
        expect(keys(en).sort(), `${root}/en/${area}`).to.deep.equal(keys(zh).sort());
        expect([...empty(zh), ...empty(en)], `${root}/*/${area}: empty messages`).to.deep.equal([]);
      }
    });
  }
});

/** Every `t('area.key')` written literally in an app's code names a message its app has (shared areas included). */
describe('web message keys', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'locales' ? [] : files(path.join(dir, e.name))) : /\.(vue|ts)$/.test(e.name) ? [path.join(dir, e.name)] : []));
  const tree = async (root: string): Promise<Set<string>> => {
    const dir = path.join(root, 'zh-CN');
    const out = new Set<string>();
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) for (const k of keys(await load(path.join(dir, f)))) out.add(`${f.slice(0, -3)}.${k}`);
    return out;
  };
  const literalKeys = (file: string): string[] => [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z]\w*(?:\.\w+)+)'/g)].map((m) => m[1]!);

  for (const app of ['admin', 'shop', 'miniprogram']) {
    it(`web/${app}: every literal key exists in zh-CN`, async () => {
      const known = new Set([...(await tree('web/shared/locales')), ...(await tree(`web/${app}/src/locales`))]);
      const missing = files(`web/${app}/src`).flatMap((f) => literalKeys(f).filter((k) => !known.has(k)).map((k) => `${f}: ${k}`));
      expect(missing, missing.join('\n')).to.deep.equal([]);
    });
  }
});

/** Every permission the modules declare has its name in the consoles' words (roles list them by it). */
describe('permission names', () => {
  for (const audience of ['merchant', 'platform'] as const) {
    it(`names every ${audience} permission in zh-CN and en`, async () => {
      expect(permissionCatalog(audience).length, 'the modules are installed').to.be.greaterThan(5);
      for (const lang of ['zh-CN', 'en']) {
        const names = keys(((await load(`web/shared/locales/${lang}/permissions.ts`)) as Tree)[audience] as Tree);
        const missing = permissionCatalog(audience).map((p) => p.key).filter((k) => !names.includes(k));
        expect(missing, `${lang} ${audience}`).to.deep.equal([]);
      }
    });
  }
});
