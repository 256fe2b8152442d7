/**
 * English is complete: every message file under a `locales/zh-CN` folder has its `locales/en` twin
 * with exactly the same keys, and no message is empty.
 */
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const roots = ['web/shared/locales', 'web/admin/src/locales', 'web/shop/src/locales'];

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
