/**
 * Root hooks for every test run: one database per run (SQLite in DATA_DIR, or the MySQL/MariaDB
 * of DATABASE_URL, emptied, then migrated up, all the way down and up again so every run proves
 * the migrations reversible), the cache (in-process or Redis), and the app. Tests build their own
 * tenants with unique slugs, so nothing is truncated between tests.
 */
import './env.js';
import sinon from 'sinon';
import { closePlatform, openPlatform } from '../../server/src/boot.js';
import { cache } from '../../server/src/core/cache.js';
import { clock } from '../../server/src/core/clock.js';
import { loadConfig } from '../../server/src/core/config.js';
import { db, dropAllTables, migrateDownAll, migrateUp } from '../../server/src/core/db/index.js';
import { closeRealtime } from '../../server/src/core/realtime.js';

export const migrationRun = { up: [] as string[], down: [] as string[], again: [] as string[] };

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(180_000);
    await openPlatform({ config: loadConfig(), migrate: false });
    if (db().getDialect() === 'mysql') await dropAllTables(db());
    migrationRun.up = await migrateUp(db());
    migrationRun.down = await migrateDownAll(db());
    migrationRun.again = await migrateUp(db());
    const redis = cache().redis();
    if (redis) {
      const keys = await redis.keys('s2b2c:*');
      if (keys.length) await redis.del(...keys.map((k) => k.replace(/^s2b2c:/, '')));
    }
  },
  afterEach() {
    sinon.restore();
    clock.reset();
  },
  async afterAll() {
    await closeRealtime();
    await closePlatform();
  },
};
