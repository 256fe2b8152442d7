/**
 * The module structure, read from the source: every module declares itself and is listed once;
 * a module reaches another only through its index.ts and only when it says it depends on it; core
 * imports no module; nothing under modules registers itself at load.
 */
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ModuleDefinition } from '../../server/src/core/module.js';
import { projectRoot } from '../../server/src/core/paths.js';
import { modules } from '../../server/src/modules/index.js';

const src = path.join(projectRoot, 'server', 'src');
const modulesDir = path.join(src, 'modules');
const coreDir = path.join(src, 'core');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** Every relative specifier a file imports or re-exports, statically or dynamically, resolved to a path. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]/g),
    ...text.matchAll(/(?:^|[\s;])import\s*['"]([^'"]+)['"]/g),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]!);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => path.resolve(path.dirname(file), s).replace(/\.js$/, '.ts'));
}

const rel = (file: string) => path.relative(src, file);
/** The module folder a file is in; undefined outside modules and for modules/index.ts itself. */
function moduleOf(file: string): string | undefined {
  const parts = path.relative(modulesDir, file).split(path.sep);
  return file.startsWith(modulesDir + path.sep) && parts.length > 1 ? parts[0] : undefined;
}

const folders = readdirSync(modulesDir).filter((name) => statSync(path.join(modulesDir, name)).isDirectory()).sort();
const declared = new Map<string, ModuleDefinition>(modules.map((m) => [m.name, m]));

describe('fitness: modules declare themselves and keep to their boundaries', () => {
  it('gives every module folder a module.ts declaration, listed exactly once in modules/index.ts', () => {
    const missing = folders.filter((f) => !existsSync(path.join(modulesDir, f, 'module.ts')) || !/\bdefineModule\(/.test(readFileSync(path.join(modulesDir, f, 'module.ts'), 'utf8')));
    expect(missing, 'folders without a module.ts declaring defineModule({...})').to.deep.equal([]);
    const names = modules.map((m) => m.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i), 'listed twice').to.deep.equal([]);
    expect([...names].sort(), 'the list in modules/index.ts against the folders').to.deep.equal(folders);
  });

  it('keeps modules/index.ts to the list: imports of the declarations and one exported array', () => {
    const text = readFileSync(path.join(modulesDir, 'index.ts'), 'utf8').replace(/\/\*\*[\s\S]*?\*\/\n/g, '');
    const statements = text.split(/;\n/).map((s) => s.trim()).filter(Boolean);
    const other = statements.filter((s) => !/^import \{ \w+Module \} from '\.\/[a-z-]+\/module\.js'$/.test(s) && !/^export const modules = \[[\s\S]*\] as const$/.test(s));
    expect(other, 'anything else in modules/index.ts').to.deep.equal([]);
  });

  it('reaches another module only through its index.ts, and only one it declares it depends on', () => {
    const problems: string[] = [];
    for (const file of tsFiles(modulesDir).filter(moduleOf)) {
      const own = moduleOf(file)!;
      for (const target of importsOf(file)) {
        if (target === path.join(modulesDir, 'index.ts')) {
          problems.push(`${rel(file)} imports the module list`);
          continue;
        }
        const other = moduleOf(target);
        if (!other || other === own) continue;
        if (target !== path.join(modulesDir, other, 'index.ts')) problems.push(`${rel(file)} imports ${rel(target)}: another module's internals (use ${other}/index.ts)`);
        if (!declared.get(own)?.dependsOn?.includes(other)) problems.push(`${rel(file)} imports ${other}, which ${own} does not list in dependsOn`);
      }
    }
    expect(problems).to.deep.equal([]);
  });

  it('lets no module index.ts load its own declaration (the list does)', () => {
    const loading = folders.filter((f) => importsOf(path.join(modulesDir, f, 'index.ts')).some((t) => t === path.join(modulesDir, f, 'module.ts')));
    expect(loading).to.deep.equal([]);
  });

  it('keeps core free of modules: no file under core imports one', () => {
    const problems = tsFiles(coreDir).flatMap((file) => importsOf(file).filter((t) => t.startsWith(modulesDir + path.sep) || t === modulesDir).map((t) => `${rel(file)} imports ${rel(t)}`));
    expect(problems).to.deep.equal([]);
  });

  it('registers nothing at load under modules: no global registration call, no bare top-level call but a routes file\'s route({...})', () => {
    const registrations = /(?<![\w.$])(definePolicy|definePermission|definePlatformPermission|defineJob|onModelsInit|onAssociate|onSocketConnection|registerActorLoader|onSessionsRevoked|registerPurpose|registerGateway|registerMoneySource|onManifestApply|registerResettable|installModules|installHooks|installRoutes|installJobs|installPermissions|installSubscriptions|installSocketHandlers|installFeeds|installSteps|installSettings|installFeatures|installPlans|useModels)\s*\(/;
    const problems: string[] = [];
    for (const file of tsFiles(modulesDir)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const where = `${rel(file)}:${i + 1}`;
          const call = registrations.exec(line);
          if (call) problems.push(`${where} calls ${call[1]}`);
          const bare = /^(?:await\s+)?([A-Za-z_$][\w$.]*)\s*(?:<[^>]*>)?\(/.exec(line);
          if (bare && !['route', 'for', 'if', 'while', 'switch'].includes(bare[1]!)) problems.push(`${where} calls ${bare[1]} at load`);
          if (/^import\s+['"]/.test(line)) problems.push(`${where} imports a file for its side effects`);
        });
    }
    expect(problems).to.deep.equal([]);
  });
});
