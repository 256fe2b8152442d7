/**
 * What a transaction sees on MariaDB: the code keeps its invariants by taking a row lock and then
 * reading the rows that hang off it (an order's lock, then its lines), which holds only when a
 * read made after the lock sees what the lock's previous holder committed.
 */
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { systemContext } from '../../server/src/core/context.js';
import { db, withTransaction } from '../../server/src/core/db/index.js';
import { requireMysql } from '../support/engines.js';

const read = async (tx: { transaction: unknown }, sql: string) => ((await db().query(sql, { type: QueryTypes.SELECT, transaction: tx.transaction as never })) as Array<{ n: number }>)[0]!.n;

describe('transactions on MariaDB', () => {
  before(async function () {
    requireMysql(this);
    await db().query('CREATE TABLE IF NOT EXISTS test_lock_then_read (id INT PRIMARY KEY, n INT NOT NULL) ENGINE=InnoDB');
    await db().query('DELETE FROM test_lock_then_read');
    await db().query('INSERT INTO test_lock_then_read (id, n) VALUES (1, 0), (2, 0)');
  });

  after(async () => {
    if (db().getDialect() === 'mysql') await db().query('DROP TABLE IF EXISTS test_lock_then_read');
  });

  it('reads, after waiting for a row lock, the rows its previous holder changed (even when the transaction read before)', async () => {
    let firstReadDone!: () => void;
    const firstRead = new Promise<void>((resolve) => (firstReadDone = resolve));
    let lockHeld!: () => void;
    const held = new Promise<void>((resolve) => (lockHeld = resolve));
    const ctx = systemContext('test');

    const holder = withTransaction(ctx, async (tx) => {
      await read(tx, 'SELECT n FROM test_lock_then_read WHERE id = 1 FOR UPDATE');
      lockHeld();
      await firstRead;
      await db().query('UPDATE test_lock_then_read SET n = 1 WHERE id = 2', { transaction: tx.transaction as never });
    });
    const waiter = withTransaction(ctx, async (tx) => {
      await held;
      const before = await read(tx, 'SELECT n FROM test_lock_then_read WHERE id = 2');
      firstReadDone();
      await read(tx, 'SELECT n FROM test_lock_then_read WHERE id = 1 FOR UPDATE');
      return { before, after: await read(tx, 'SELECT n FROM test_lock_then_read WHERE id = 2') };
    });
    await holder;
    expect(await waiter).to.deep.equal({ before: 0, after: 1 });
  });
});
