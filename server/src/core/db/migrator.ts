/**
 * Ordered, reversible schema migrations (umzug over Sequelize's queryInterface). Files live in
 * migrations/ as `<yyyymmddhhmmss>-<intent>.ts`, each exporting `up` and `down`; the compiled
 * build runs the same files from dist/migrations.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import { projectRoot } from '../paths.js';

export type MigrationFn = (params: { context: QueryInterface }) => Promise<void>;

function migrationsGlob(): string {
  // compiled when this file runs from <root>/dist (not merely from a folder named dist above the root)
  const compiled = path.relative(projectRoot, fileURLToPath(import.meta.url)).startsWith(`dist${path.sep}`);
  const dir = compiled ? path.join(projectRoot, 'dist', 'migrations') : path.join(projectRoot, 'migrations');
  if (!existsSync(dir)) throw new Error(`migrations folder missing: ${dir}`);
  return `${dir.split(path.sep).join('/')}/*.${compiled ? 'js' : 'ts'}`;
}

export function migrator(sequelize: Sequelize, log: (msg: string) => void = () => undefined): Umzug<QueryInterface> {
  return new Umzug<QueryInterface>({
    migrations: {
      glob: migrationsGlob(),
      resolve: ({ name, path: file, context }) => {
        const load = async () => (await import(pathToFileURL(file!).href)) as { up: MigrationFn; down: MigrationFn };
        return {
          name: name.replace(/\.(ts|js)$/, ''),
          up: async () => (await load()).up({ context }),
          down: async () => (await load()).down({ context }),
        };
      },
    },
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: { info: (m) => log(JSON.stringify(m)), warn: (m) => log(JSON.stringify(m)), error: (m) => log(JSON.stringify(m)), debug: () => undefined },
  });
}

export async function migrateUp(sequelize: Sequelize): Promise<string[]> {
  const done = await migrator(sequelize).up();
  return done.map((m) => m.name);
}

export async function migrateDownAll(sequelize: Sequelize): Promise<string[]> {
  const done = await migrator(sequelize).down({ to: 0 });
  return done.map((m) => m.name);
}
