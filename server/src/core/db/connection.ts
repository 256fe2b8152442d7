/**
 * The Sequelize instance: SQLite under DATA_DIR in embedded mode, MySQL/MariaDB through
 * DATABASE_URL otherwise. SQLite is tuned for concurrent writers (WAL, busy timeout, IMMEDIATE
 * transactions): Sequelize opens one connection per transaction and racing DEFERRED transactions
 * fail with SQLITE_BUSY instead of waiting.
 */
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { Sequelize, Transaction, type Options } from 'sequelize';
import type { Config } from '../config.js';
import { transactionControlOnDriver } from './driver.js';
import { installTenantSafetyNet } from './tenant-model.js';

/** Short: a statement waiting for the lock blocks a thread-pool thread; longer waits retry in JS. */
const BUSY_TIMEOUT_MS = 200;

/** sqlite3 with every connection set to wait for the write lock rather than fail at once. */
const patientSqlite = {
  ...sqlite3,
  Database: class extends sqlite3.Database {
    constructor(file: string, mode: number, callback: (err: Error | null) => void) {
      super(file, mode, (err) => {
        if (!err) this.configure('busyTimeout', BUSY_TIMEOUT_MS);
        callback(err);
      });
    }
  },
};

/**
 * Every MariaDB connection reads committed data, once per connection rather than per transaction.
 * Under InnoDB's default REPEATABLE READ, a transaction whose first plain read came before it
 * waited for a row lock keeps reading the snapshot of that first read: the writer that held the
 * lock commits, and the next holder still sees its lines as they were (two fulfilments of one
 * order closed at once, each by a writer that saw the other open). Every invariant here is kept by
 * row locks, conditional updates and unique keys, none by a snapshot; READ COMMITTED also takes no
 * gap locks, which SKIP LOCKED queues and parallel inserts would otherwise deadlock on.
 */
function readCommitted(connection: unknown): Promise<void> {
  const driver = connection as { query(sql: string, callback: (err: Error | null) => void): void };
  return new Promise((resolve, reject) => driver.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED', (err) => (err ? reject(err) : resolve())));
}

let instance: Sequelize | undefined;

export type ModelInit = (sequelize: Sequelize) => void;

/** What the database opens with: every `Model.init`, then every association. */
export interface ModelSet {
  readonly models: readonly ModelInit[];
  readonly associations: readonly (() => void)[];
}

let modelSet: ModelSet = { models: [], associations: [] };

function defineModels(sequelize: Sequelize): void {
  for (const init of modelSet.models) init(sequelize);
  for (const associate of modelSet.associations) associate();
}

/** Called once by the module installer (core's own models first); runs when the database opens. */
export function useModels(set: ModelSet): void {
  modelSet = set;
  if (instance) defineModels(instance);
}

export function sqlitePath(config: Config): string {
  return path.join(config.dataDir, 'shop.sqlite');
}

export type Dialect = 'sqlite' | 'mysql';

export async function openDatabase(config: Config, logging: Options['logging'] = false): Promise<Sequelize> {
  if (instance) return instance;
  const common: Options = {
    logging,
    define: { underscored: true, timestamps: true },
    benchmark: false,
  };
  let sequelize: Sequelize;
  if (config.databaseUrl) {
    const poolMax = Number(process.env.DB_POOL_MAX ?? 20);
    sequelize = new Sequelize(config.databaseUrl, {
      ...common,
      dialect: 'mysql',
      timezone: '+00:00',
      pool: { max: poolMax, min: 0, acquire: 30_000, idle: 10_000 },
      dialectOptions: { charset: 'utf8mb4', dateStrings: false, supportBigNumbers: true, bigNumberStrings: false },
      hooks: { afterConnect: readCommitted },
    });
  } else {
    sequelize = new Sequelize({
      ...common,
      dialect: 'sqlite',
      storage: sqlitePath(config),
      dialectModule: patientSqlite,
      transactionType: Transaction.TYPES.IMMEDIATE,
      retry: { max: 100, match: [/SQLITE_BUSY/], backoffBase: 20, backoffExponent: 1.05 },
    });
  }
  await sequelize.authenticate();
  if (sequelize.getDialect() === 'sqlite') {
    await sequelize.query('PRAGMA journal_mode=WAL');
    await sequelize.query('PRAGMA synchronous=NORMAL');
  } else {
    transactionControlOnDriver(sequelize);
  }
  installTenantSafetyNet(sequelize);
  instance = sequelize;
  defineModels(sequelize);
  return sequelize;
}

export function db(): Sequelize {
  if (!instance) throw new Error('Database not opened: call openDatabase() first');
  return instance;
}

export function dialect(): Dialect {
  return db().getDialect() === 'mysql' ? 'mysql' : 'sqlite';
}

export async function closeDatabase(): Promise<void> {
  const s = instance;
  instance = undefined;
  if (s) await s.close();
}
