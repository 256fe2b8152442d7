import { expect } from 'chai';
import { clock, days } from '../../server/src/core/clock.js';
import { createContext, type Ctx } from '../../server/src/core/context.js';
import { AppError } from '../../server/src/core/errors.js';
import { IdempotencyKey, LEASE_MS, runIdempotent, withIdempotentTransaction, type Reply } from '../../server/src/core/idempotency.js';
import { defineJob, Job, scheduleJob } from '../../server/src/core/jobs.js';

// the work of a request bound to its transaction: a row that commits with the key or not at all
defineJob('test.idempotent-work', async () => undefined);

describe('Idempotency-Key', () => {
  const ctx = createContext({ tenantId: 1, actor: { kind: 'shopper', id: 42, tenantId: 1, sessionId: 's' } });
  const newKey = () => `k-${Math.random()}`;
  const failure = (p: Promise<Reply>) => p.then(() => null, (e: AppError) => e);

  it('returns the first answer for the same key and body and runs the work once', async () => {
    let runs = 0;
    const work = async () => ({ status: 201, body: { id: ++runs } });
    const key = newKey();
    const first = await runIdempotent(ctx, 'post /x', key, 'hash-a', work);
    const second = await runIdempotent(ctx, 'post /x', key, 'hash-a', work);
    expect(first).to.deep.equal({ status: 201, body: { id: 1 } });
    expect(second).to.deep.equal(first);
    expect(runs).to.equal(1);
  });

  it('refuses the same key with another body, and while the first is running', async () => {
    const key = newKey();
    let release!: () => void;
    const slow = runIdempotent(ctx, 'post /x', key, 'hash-a', () => new Promise((resolve) => (release = () => resolve({ status: 200, body: {} }))));
    await new Promise((r) => setTimeout(r, 20));
    const during = await failure(runIdempotent(ctx, 'post /x', key, 'hash-a', async () => ({ status: 200, body: {} })));
    expect(during?.code).to.equal('idempotency_in_progress');
    release();
    await slow;
    const other = await failure(runIdempotent(ctx, 'post /x', key, 'hash-b', async () => ({ status: 200, body: {} })));
    expect(other?.status).to.equal(409);
    expect(other?.code).to.equal('idempotency_key_reused');
  });

  it('replays a refusal, and lets a request that crashed be retried', async () => {
    const key = newKey();
    await runIdempotent(ctx, 'post /x', key, 'h', async () => {
      throw new AppError(409, 'insufficient_stock', 'gone');
    }).catch(() => undefined);
    const replay = await runIdempotent(ctx, 'post /x', key, 'h', async () => ({ status: 201, body: { ok: true } }));
    expect(replay.status).to.equal(409);
    expect((replay.body as { error: { code: string } }).error.code).to.equal('insufficient_stock');
    const crashKey = newKey();
    await runIdempotent(ctx, 'post /x', crashKey, 'h', async () => {
      throw new Error('crash');
    }).catch(() => undefined);
    const retried = await runIdempotent(ctx, 'post /x', crashKey, 'h', async () => ({ status: 201, body: { ok: true } }));
    expect(retried.status).to.equal(201);
  });

  it('lets exactly one of 10 parallel retries take over a running key whose lease ran out', async () => {
    for (let round = 0; round < 3; round++) {
      const key = newKey();
      // the first holder never answers: its process died with the key running
      void runIdempotent(ctx, 'post /x', key, 'h', () => new Promise<Reply>(() => undefined));
      await new Promise((r) => setTimeout(r, 30));
      expect((await failure(runIdempotent(ctx, 'post /x', key, 'h', async () => ({ status: 201, body: {} }))))?.code, 'within the lease').to.equal('idempotency_in_progress');
      clock.travel(LEASE_MS + 1000);
      let runs = 0;
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          runIdempotent(ctx, 'post /x', key, 'h', async () => {
            runs += 1;
            await new Promise((r) => setTimeout(r, 20));
            return { status: 201, body: { run: runs } };
          }).catch((e: AppError) => e.code),
        ),
      );
      expect(runs, 'the work ran again exactly once').to.equal(1);
      for (const a of answers) expect([JSON.stringify({ status: 201, body: { run: 1 } }), JSON.stringify('idempotency_in_progress')]).to.include(JSON.stringify(a));
      expect(await runIdempotent(ctx, 'post /x', key, 'h', async () => ({ status: 500, body: {} }))).to.deep.equal({ status: 201, body: { run: 1 } });
      clock.reset();
    }
  });

  describe('bound to the transaction of the work', () => {
    const options = { mode: 'transaction' as const, status: 201 };
    const workRows = async (key: string) => (await Job.findAll({ where: { name: 'test.idempotent-work' } })).filter((j) => j.payload.key === key).length;
    /** A request whose work is one transaction: a job row named after the key, answered with how many ran. */
    const request = (key: string, runs: { n: number }, after?: () => void) => (c: Ctx) =>
      withIdempotentTransaction(c, async (tx) => {
        runs.n += 1;
        await scheduleJob(tx, 'test.idempotent-work', new Date(clock.nowMs() + days(365)), { key });
        await new Promise((r) => setTimeout(r, 10));
        return { run: runs.n };
      }).then((body) => {
        after?.();
        return { status: 201, body };
      });

    it('answers a retry after a crash that followed the commit, and does the work once', async () => {
      const key = newKey();
      const runs = { n: 0 };
      const crashed = await failure(
        runIdempotent(ctx, 'post /y', key, 'h', request(key, runs, () => {
          throw new Error('the process died before it could answer');
        }), options),
      );
      expect(crashed?.message).to.contain('died');
      const retried = await runIdempotent(ctx, 'post /y', key, 'h', request(key, runs), options);
      expect(retried).to.deep.equal({ status: 201, body: { run: 1 } });
      expect(runs.n).to.equal(1);
      expect(await workRows(key)).to.equal(1);
    });

    it('leaves neither key nor work when the work fails, and stores a refusal as the answer', async () => {
      const key = newKey();
      await failure(runIdempotent(ctx, 'post /y', key, 'h', (c) => withIdempotentTransaction(c, async (tx) => {
        await scheduleJob(tx, 'test.idempotent-work', new Date(clock.nowMs() + days(365)), { key });
        throw new Error('the database went away');
      }), options));
      expect(await IdempotencyKey.count({ where: { key } })).to.equal(0);
      const refusalKey = newKey();
      const refused = await failure(runIdempotent(ctx, 'post /y', refusalKey, 'h', (c) => withIdempotentTransaction(c, async (tx) => {
        await scheduleJob(tx, 'test.idempotent-work', new Date(clock.nowMs() + days(365)), { key: refusalKey });
        throw new AppError(409, 'insufficient_stock', 'gone');
      }), options));
      expect(refused?.code).to.equal('insufficient_stock');
      const replay = await runIdempotent(ctx, 'post /y', refusalKey, 'h', request(refusalKey, { n: 0 }), options);
      expect(replay.status).to.equal(409);
      expect(await workRows(key) + (await workRows(refusalKey))).to.equal(0);
    });

    it('gives 10 parallel duplicates the one answer of the one run', async () => {
      for (let round = 0; round < 3; round++) {
        const key = newKey();
        const runs = { n: 0 };
        const answers = await Promise.all(Array.from({ length: 10 }, () => runIdempotent(ctx, 'post /y', key, 'h', request(key, runs), options)));
        expect(answers).to.deep.equal(Array(10).fill({ status: 201, body: { run: 1 } }));
        expect(await workRows(key)).to.equal(1);
      }
    });

    it('lets exactly one of 10 parallel retries take over a key left running from before leases', async () => {
      const key = newKey();
      await IdempotencyKey.create({ scope: '1:shopper:42', route: 'post /y', key, requestHash: 'h', state: 'running', responseStatus: null, responseBody: null, leaseUntil: null, expiresAt: new Date(clock.nowMs() + days(1)) });
      expect((await failure(runIdempotent(ctx, 'post /y', key, 'h', request(key, { n: 0 }), options)))?.code, 'within its last write plus a lease').to.equal('idempotency_in_progress');
      clock.travel(LEASE_MS + 1000);
      const runs = { n: 0 };
      const answers = await Promise.all(Array.from({ length: 10 }, () => runIdempotent(ctx, 'post /y', key, 'h', request(key, runs), options).catch((e: AppError) => e.code ?? String(e))));
      expect(runs.n, JSON.stringify(answers)).to.equal(1);
      expect(await workRows(key)).to.equal(1);
      for (const a of answers) expect([JSON.stringify({ status: 201, body: { run: 1 } }), JSON.stringify('idempotency_in_progress')]).to.include(JSON.stringify(a));
      expect(await runIdempotent(ctx, 'post /y', key, 'h', request(key, runs), options)).to.deep.equal({ status: 201, body: { run: 1 } });
    });
  });
});
