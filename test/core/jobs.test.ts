import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { Op } from 'sequelize';
import { clock, minutes } from '../../server/src/core/clock.js';
import { systemContext, type Ctx } from '../../server/src/core/context.js';
import { withTransaction } from '../../server/src/core/db/index.js';
import { cancelJob, defineJob, Job, runDueJobs, scheduleJob } from '../../server/src/core/jobs.js';
// the modules' jobs, as the worker processes have them
import { TestChild } from '../support/child.js';
import { usingMysql } from '../support/engines.js';

const seen: Array<{ name: string; payload: Record<string, unknown> }> = [];
let failuresLeft = 0;

defineJob('test.remember', async (_ctx: Ctx, payload) => {
  seen.push({ name: 'remember', payload });
});
defineJob('test.flaky', async (_ctx, payload) => {
  if (failuresLeft > 0) {
    failuresLeft -= 1;
    throw new Error('not yet');
  }
  seen.push({ name: 'flaky', payload });
});
defineJob('test.always-fails', async () => {
  throw new Error('never works');
});
// the same names as the jobs of test/support/children/job-worker.ts, run here by this process's workers
const sharedRuns: number[] = [];
defineJob('test.shared-load', async (_ctx, payload) => {
  sharedRuns.push(payload.n as number);
  await new Promise((resolve) => setTimeout(resolve, 2));
});
defineJob('test.dies-with-its-worker', async (_ctx, payload) => {
  seen.push({ name: 'recovered', payload });
});

describe('jobs', () => {
  const ctx = systemContext('test');
  beforeEach(async () => {
    await runDueJobs();
    seen.length = 0;
  });

  it('runs a job when the clock reaches it, once', async () => {
    clock.freeze(new Date('2026-11-24T10:00:00Z'));
    await scheduleJob(ctx, 'test.remember', new Date('2026-11-24T10:30:00Z'), { n: 1 });
    expect((await runDueJobs()).done).to.equal(0);
    clock.travel(minutes(31));
    expect((await runDueJobs()).done).to.equal(1);
    expect((await runDueJobs()).done).to.equal(0);
    expect(seen).to.deep.equal([{ name: 'remember', payload: { n: 1 } }]);
  });

  it('keeps one pending job per dedupe key and cancels it by key', async () => {
    const key = `dedupe-${Date.now()}`;
    await scheduleJob(ctx, 'test.remember', clock.now(), { n: 1 }, { dedupeKey: key });
    await scheduleJob(ctx, 'test.remember', clock.now(), { n: 2 }, { dedupeKey: key });
    await runDueJobs();
    expect(seen.map((s) => s.payload.n)).to.deep.equal([1]);
    await scheduleJob(ctx, 'test.remember', new Date(clock.nowMs() + 1000), { n: 3 }, { dedupeKey: key });
    await cancelJob(ctx, key);
    clock.travel(5000);
    await runDueJobs();
    expect(seen.map((s) => s.payload.n)).to.deep.equal([1]);
  });

  it('retries a failing job with backoff and marks it dead after its attempts', async () => {
    failuresLeft = 2;
    await scheduleJob(ctx, 'test.flaky', clock.now(), { n: 'f' });
    expect((await runDueJobs()).retried).to.equal(1);
    clock.travel(minutes(1));
    expect((await runDueJobs()).retried).to.equal(1);
    clock.travel(minutes(1));
    expect((await runDueJobs()).done).to.equal(1);
    expect(seen.map((s) => s.name)).to.deep.equal(['flaky']);
    await scheduleJob(ctx, 'test.always-fails', clock.now(), {}, { maxAttempts: 2 });
    await runDueJobs();
    clock.travel(minutes(10));
    expect((await runDueJobs()).dead).to.equal(1);
    const dead = await Job.findOne({ where: { name: 'test.always-fails' }, order: [['id', 'DESC']] });
    expect(dead?.status).to.equal('dead');
    expect(dead?.lastError).to.contain('never works');
  });

  it('never runs one job twice when two workers race for it', async () => {
    await scheduleJob(ctx, 'test.remember', clock.now(), { n: 'race' });
    const [x, y] = await Promise.all([runDueJobs(), runDueJobs()]);
    expect(x.done + y.done).to.equal(1);
    expect(seen.filter((s) => s.payload.n === 'race')).to.have.length(1);
  });

  // Worker processes are server/src/worker.ts (test/support/children/job-worker.ts) on the test's
  // database. On MariaDB three of them share the load, then all die; SQLite has one writer and the
  // embedded mode one process, so there four worker loops of this process share the load, and one
  // worker process dies.
  describe('several workers', () => {
    const SHARED = 300;
    const dir = mkdtempSync(path.join(os.tmpdir(), 's2b2c-jobs-'));
    const traces = [0, 1, 2].map((i) => path.join(dir, `worker-${i}.txt`));
    let workers: TestChild[] = [];
    const startWorkers = async (n: number) => {
      workers = (await Promise.all(traces.slice(0, n).map((t) => TestChild.start('job-worker.ts', { TEST_JOB_TRACE: t })))).map((w) => w.child);
    };
    before(async function () {
      this.timeout(120_000);
      if (usingMysql) await startWorkers(3);
    });
    after(async () => {
      await Promise.all(workers.map((w) => w.kill()));
      rmSync(dir, { recursive: true, force: true });
    });

    /** The jobs of one name each worker process ran, from its trace file (lines `<job> <n>`). */
    const ranBy = (job: string): number[][] =>
      traces.map((file) => {
        try {
          return readFileSync(file, 'utf8').split('\n').filter((line) => line.startsWith(`${job} `)).map((line) => Number(line.split(' ')[1]));
        } catch {
          return [];
        }
      });
    const until = async (check: () => Promise<boolean>, ms: number) => {
      for (const end = Date.now() + ms; Date.now() < end; ) {
        if (await check()) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`not within ${ms} ms`);
    };
    const every = [...Array(SHARED).keys()];

    it('share a few hundred due jobs, each run exactly once, and more than one does work', async function () {
      this.timeout(120_000);
      sharedRuns.length = 0;
      await withTransaction(ctx, async (tx) => {
        for (let n = 0; n < SHARED; n++) await scheduleJob(tx, 'test.shared-load', clock.now(), { n });
      });
      if (!usingMysql) {
        const passes = await Promise.all([1, 2, 3, 4].map(() => runDueJobs(SHARED)));
        expect([...sharedRuns].sort((a, b) => a - b)).to.deep.equal(every);
        expect(passes.filter((p) => p.done > 0).length, JSON.stringify(passes)).to.be.greaterThan(1);
        return;
      }
      // and a job of a module (a product that is not there: nothing to refresh), which a worker process must know too
      await scheduleJob(ctx, 'catalog.refresh-stock', clock.now(), { productId: 0, check: 'worker-knows-module-jobs' });
      const moduleJob = async () => (await Job.findAll({ where: { name: 'catalog.refresh-stock' } })).find((j) => j.payload.check === 'worker-knows-module-jobs')!;
      const settled = async () => {
        const j = await moduleJob();
        return j.status === 'done' || j.lastError !== null;
      };
      await until(async () => (await Job.count({ where: { name: 'test.shared-load', status: { [Op.ne]: 'done' } } })) === 0 && (await settled()), 60_000);
      const known = await moduleJob();
      expect([known.status, known.attempts, known.lastError], 'a module\'s job in a worker process').to.deep.equal(['done', 1, null]);
      const ran = ranBy('test.shared-load');
      expect(ran.flat().sort((a, b) => a - b), 'every job ran once').to.deep.equal(every);
      expect(ran.filter((r) => r.length > 0).length, `jobs per worker: ${ran.map((r) => r.length).join(', ')}`).to.be.greaterThan(1);
      expect(await Job.count({ where: { name: 'test.shared-load', attempts: { [Op.ne]: 1 } } }), 'no job was claimed twice').to.equal(0);
    });

    it('run a job again once the lease of the worker that died running it has run out', async function () {
      this.timeout(120_000);
      if (!usingMysql) await startWorkers(1);
      for (const n of [1, 2, 3]) await scheduleJob(ctx, 'test.dies-with-its-worker', clock.now(), { n });
      await until(async () => ranBy('test.dies-with-its-worker').flat().length > 0, 20_000);
      await Promise.all(workers.map((w) => w.kill()));
      const died = ranBy('test.dies-with-its-worker').flat();
      const job = async (n: number) => (await Job.findAll({ where: { name: 'test.dies-with-its-worker' } })).find((j) => j.payload.n === n)!;
      for (const n of died) expect((await job(n)).status).to.equal('running');
      await runDueJobs();
      expect(seen.filter((s) => died.includes(s.payload.n as number)), 'a dead worker still holds what it was running').to.deep.equal([]);
      clock.travel(minutes(5) + 1000);
      await runDueJobs();
      expect(seen.filter((s) => s.name === 'recovered').map((s) => s.payload.n).sort()).to.deep.equal([1, 2, 3]);
      for (const n of died) {
        const recovered = await job(n);
        expect([recovered.status, recovered.attempts]).to.deep.equal(['done', 2]);
      }
    });
  });
});
