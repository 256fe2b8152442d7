import { expect } from 'chai';
import { clock, minutes } from '../../server/src/core/clock.js';
import { systemContext, type Ctx } from '../../server/src/core/context.js';
import { withTransaction } from '../../server/src/core/db/index.js';
import { cancelJob, defineJob, Job, runDueJobs, scheduleJob } from '../../server/src/core/jobs.js';
import { emit, subscribe } from '../../server/src/core/outbox.js';

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
subscribe('test.happened', 'first', async (_ctx, payload) => {
  seen.push({ name: 'first', payload });
});
subscribe('test.happened', 'second', async (_ctx, payload) => {
  seen.push({ name: 'second', payload });
});

describe('jobs and the outbox', () => {
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

  it('delivers an event to each subscriber only if its transaction commits', async () => {
    await withTransaction(ctx, async (tx) => {
      await emit(tx, 'test.happened', { id: 7 });
    });
    try {
      await withTransaction(ctx, async (tx) => {
        await emit(tx, 'test.happened', { id: 8 });
        throw new Error('rolled back');
      });
    } catch {
      // expected
    }
    await runDueJobs();
    expect(seen.map((s) => `${s.name}:${s.payload.id}`).sort()).to.deep.equal(['first:7', 'second:7']);
  });

  it('never runs one job twice when two workers race for it', async () => {
    await scheduleJob(ctx, 'test.remember', clock.now(), { n: 'race' });
    const [x, y] = await Promise.all([runDueJobs(), runDueJobs()]);
    expect(x.done + y.done).to.equal(1);
    expect(seen.filter((s) => s.payload.n === 'race')).to.have.length(1);
  });
});
