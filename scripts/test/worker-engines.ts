/**
 * Each test worker gets engines of its own, since every run empties its database and its Redis
 * keys first (test/support/setup.ts): on MySQL/MariaDB the database `<db>_w<n>` beside the one
 * TEST_MYSQL_URL names, created here when missing; on Redis the logical database `<db> + n`
 * (keys, and with core/cache.ts's channel names, pub/sub too, stay apart). One worker uses the
 * URLs as given, so `TEST_WORKERS=1` needs no extra database.
 */
import mysql from 'mysql2/promise';
import { Redis } from 'ioredis';

export interface WorkerEngines {
  DATABASE_URL?: string;
  REDIS_URL?: string;
}

export class EngineSetupError extends Error {}

function mysqlWorkerUrl(base: string, worker: number): URL {
  const url = new URL(base);
  url.pathname = `/${url.pathname.slice(1)}_w${worker}`;
  return url;
}

function redisDb(url: URL): number {
  return Number(url.pathname.slice(1) || 0);
}

/** Creates the workers' databases (CREATE DATABASE IF NOT EXISTS); says which grant is missing when refused. */
async function createMysqlDatabases(base: string, workers: number): Promise<void> {
  const url = new URL(base);
  const names = Array.from({ length: workers }, (_, i) => mysqlWorkerUrl(base, i + 1).pathname.slice(1));
  const conn = await mysql
    .createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) })
    .catch((err: Error) => {
      throw new EngineSetupError(`cannot sign in to MySQL at ${url.host} as ${decodeURIComponent(url.username)} to create the workers' databases: ${err.message}`);
    });
  try {
    for (const name of names) await conn.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ER_DBACCESS_DENIED_ERROR' || code === 'ER_ACCESS_DENIED_ERROR' || code === 'ER_SPECIFIC_ACCESS_DENIED_ERROR') {
      const db = url.pathname.slice(1).replace(/_/g, '\\_');
      throw new EngineSetupError(
        `MySQL user ${decodeURIComponent(url.username)} may not create the workers' databases (${names.join(', ')}): ${(err as Error).message}\n` +
          `  grant it the pattern, e.g.  GRANT ALL ON \`${db}%\`.* TO '${decodeURIComponent(url.username)}'@'127.0.0.1';  or run with TEST_WORKERS=1`,
      );
    }
    throw err;
  } finally {
    await conn.end();
  }
}

/** Checks that Redis has the logical databases the workers need. */
async function checkRedisDatabases(base: string, workers: number): Promise<void> {
  const url = new URL(base);
  const highest = redisDb(url) + workers;
  const client = new Redis(base, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    await client.select(highest);
  } catch (err) {
    throw new EngineSetupError(`Redis at ${url.host} has no logical database ${highest} for ${workers} workers (${(err as Error).message}): lower TEST_WORKERS or raise Redis's \`databases\``);
  } finally {
    client.disconnect();
  }
}

/** Prepares what `workers` workers need and returns each one's engine URLs (index 0 = worker 1). */
export async function workerEngines(mysqlUrl: string | undefined, redisUrl: string | undefined, workers: number): Promise<WorkerEngines[]> {
  if (workers === 1) return [{ ...(mysqlUrl ? { DATABASE_URL: mysqlUrl } : {}), ...(redisUrl ? { REDIS_URL: redisUrl } : {}) }];
  if (mysqlUrl) await createMysqlDatabases(mysqlUrl, workers);
  if (redisUrl) await checkRedisDatabases(redisUrl, workers);
  return Array.from({ length: workers }, (_, i) => {
    const engines: WorkerEngines = {};
    if (mysqlUrl) engines.DATABASE_URL = mysqlWorkerUrl(mysqlUrl, i + 1).toString();
    if (redisUrl) {
      const url = new URL(redisUrl);
      url.pathname = `/${redisDb(url) + i + 1}`;
      engines.REDIS_URL = url.toString();
    }
    return engines;
  });
}
