/**
 * One door to the database, read from the source: inside a module only its model.ts, its
 * declaration (module.ts, which lists the models) and its repository (repository.ts or the files
 * of a repository/ folder) touch models, Sequelize query building, `raw: true` and the row path.
 * Services read and write plain typed rows through the repository and never hold a model instance:
 * they may import a model file's type aliases (a status union), never its classes, not even as types.
 */
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../server/src/core/paths.js';

const modulesDir = path.join(projectRoot, 'server', 'src', 'modules');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

const rel = (file: string) => path.relative(modulesDir, file);

const isDoor = (file: string) => {
  const parts = rel(file).split(path.sep);
  return parts.length === 2 ? ['model.ts', 'module.ts', 'repository.ts'].includes(parts[1]!) : parts[1] === 'repository';
};

interface Import {
  names: { name: string; typeOnly: boolean }[];
  from: string;
}

/** Named imports and re-exports of a file: `import { A, type B } from`, `import type { C } from`, `export type { D } from`. */
function namedImports(text: string): Import[] {
  return [...text.matchAll(/(?:^|\n)\s*(import|export)(\s+type)?\s*\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g)].map((m) => ({
    from: m[4]!,
    names: m[3]!
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean)
      .map((n) => ({ name: n.replace(/^type\s+/, '').split(/\s+as\s+/)[0]!.trim(), typeOnly: Boolean(m[2]) || /^type\s/.test(n) })),
  }));
}

const rowPath = new Set(['tenantRows', 'tenantWrite', 'platformRows', 'platformWrite', 'insertRow', 'insertRows', 'takeFromRow', 'paginate']);
const services = tsFiles(modulesDir).filter((f) => rel(f).includes(path.sep) && !isDoor(f));

describe('fitness: one door to the database', () => {
  it('lets no service import a model class, even as a type (only type aliases of model.ts)', async () => {
    const problems: string[] = [];
    for (const file of services) {
      for (const imp of namedImports(readFileSync(file, 'utf8'))) {
        const target = path.resolve(path.dirname(file), imp.from).replace(/\.js$/, '.ts');
        if (path.basename(target) !== 'model.ts' || !target.startsWith(modulesDir)) continue;
        const runtime = (await import(target)) as Record<string, unknown>;
        for (const { name, typeOnly } of imp.names) {
          if (!typeOnly) problems.push(`${rel(file)} imports ${name} from its model as a value`);
          else if (name in runtime) problems.push(`${rel(file)} imports the model class ${name} (use the repository's row type)`);
        }
      }
    }
    expect(problems).to.deep.equal([]);
  });

  it('keeps query building, raw reads and the row path inside repositories', () => {
    const problems: string[] = [];
    for (const file of services) {
      const text = readFileSync(file, 'utf8');
      // a route that writes its own reply says `raw: true, ..., produces: [...]`: no raw read
      if (/\braw:\s*true\b(?![^()]{0,300}produces:)/.test(text)) problems.push(`${rel(file)} reads raw: true`);
      for (const imp of namedImports(text)) {
        if (imp.from === 'sequelize') {
          // A unique violation is the one database error a service may catch: it is the answer to "was I first?".
          const values = imp.names.filter((n) => !n.typeOnly && n.name !== 'UniqueConstraintError').map((n) => n.name);
          if (values.length) problems.push(`${rel(file)} builds queries (${values.join(', ')} from sequelize)`);
        }
        if (/core\/db(\/rows)?(\/index)?\.js$/.test(imp.from)) {
          const used = imp.names.filter((n) => rowPath.has(n.name)).map((n) => n.name);
          if (used.length) problems.push(`${rel(file)} takes the row path (${used.join(', ')})`);
        }
      }
    }
    expect(problems).to.deep.equal([]);
  });

  it('gives every module with a model.ts a repository', () => {
    const folders = readdirSync(modulesDir).filter((n) => statSync(path.join(modulesDir, n)).isDirectory());
    const has = (m: string, f: string) => tsFiles(path.join(modulesDir, m)).some((x) => rel(x) === path.join(m, f) || rel(x).startsWith(path.join(m, 'repository') + path.sep));
    expect(folders.filter((m) => has(m, 'model.ts') && !has(m, 'repository.ts'))).to.deep.equal([]);
  });
});

