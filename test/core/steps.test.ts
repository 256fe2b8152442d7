/**
 * The step runner on its own (core/steps), with a fake outside service: what it says, when it is
 * slow, when the answer comes later. Refunds through it: test/modules/refund-steps.test.ts.
 */
import { expect } from 'chai';
import { clock, minutes } from '../../server/src/core/clock.js';
import { systemContext } from '../../server/src/core/context.js';
import { withTransaction } from '../../server/src/core/db/index.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { defineStep, installSteps, runStep, settleStep, startStep, Step, type FinalOutcome, type StepOutcome } from '../../server/src/core/steps.js';

/** The fake service: each call takes the next answer (a function may throw or wait), and it remembers the keys it was called with. */
const service = { answers: [] as Array<() => Promise<StepOutcome>>, keys: [] as string[] };
/** What settle applied, by step key: applied once means one entry. */
const applied: Array<{ key: string; outcome: FinalOutcome }> = [];

const fakeStep = defineStep<{ key: string }>({
  name: 'test.fake-service',
  timeoutMs: 100,
  firstRetryMs: minutes(1),
  maxAttempts: 3,
  async call(_ctx, _payload, key) {
    service.keys.push(key);
    const next = service.answers.shift();
    if (!next) throw new Error('the fake service has no answer configured');
    return next();
  },
  async settle(_tx, payload, outcome) {
    applied.push({ key: payload.key, outcome });
  },
});
installSteps([fakeStep]);

let n = 0;
async function started(): Promise<{ id: number; key: string }> {
  const key = `K${Date.now()}${++n}`;
  return withTransaction(systemContext('test'), (tx) => startStep(tx, fakeStep, key, { key }));
}

const statusOf = async (id: number) => (await Step.findByPk(id))!.status;
const appliedTo = (key: string) => applied.filter((a) => a.key === key);
const outside = () => systemContext('test');

describe('step runner', () => {
  beforeEach(() => {
    service.answers = [];
    service.keys = [];
  });

  it('starts only inside the transaction that decides it', async () => {
    let error: Error | undefined;
    await startStep(outside(), fakeStep, 'nope', { key: 'nope' }).catch((err: Error) => (error = err));
    expect(error?.message).to.contain('inside the transaction');
  });

  it('counts a call that does not answer in time as failed, and its job calls again with the same key', async () => {
    const step = await started();
    service.answers.push(() => new Promise((resolve) => setTimeout(() => resolve({ status: 'succeeded' }), 1000)));
    service.answers.push(async () => ({ status: 'succeeded', detail: { ref: 'X1' } }));
    expect(await runStep(outside(), step.id)).to.equal('failed');
    expect((await Step.findByPk(step.id))!.lastError).to.contain('no answer within 100 ms');
    clock.travel(minutes(2));
    await runDueJobs();
    expect(service.keys).to.deep.equal([step.key, step.key]);
    expect(await statusOf(step.id)).to.equal('succeeded');
    expect(appliedTo(step.key)).to.deep.equal([{ key: step.key, outcome: { status: 'succeeded', detail: { ref: 'X1' } } }]);
  });

  it('records a refusal as the final outcome', async () => {
    const step = await started();
    service.answers.push(async () => ({ status: 'refused', reason: 'account closed' }));
    expect(await runStep(outside(), step.id)).to.equal('settled');
    expect(await statusOf(step.id)).to.equal('refused');
    expect(appliedTo(step.key)).to.deep.equal([{ key: step.key, outcome: { status: 'refused', reason: 'account closed' } }]);
    expect(await runStep(outside(), step.id), 'a settled step is not called again').to.equal('closed');
    expect(service.keys).to.have.length(1);
  });

  it('waits for a later answer when the service has the request, and applies that answer once however often it comes', async () => {
    const step = await started();
    service.answers.push(async () => ({ status: 'unknown' }));
    expect(await runStep(outside(), step.id)).to.equal('waiting');
    clock.travel(minutes(30));
    await runDueJobs();
    expect(service.keys, 'a waiting step is not sent again').to.have.length(1);
    const replays = await Promise.all(Array.from({ length: 5 }, () => settleStep(outside(), fakeStep, step.key, { status: 'succeeded' })));
    expect(replays.filter(Boolean)).to.have.length(1);
    expect(appliedTo(step.key)).to.have.length(1);
    expect(await statusOf(step.id)).to.equal('succeeded');
  });

  it('lets one run call at a time: a second run while the first calls finds the step busy', async () => {
    const step = await started();
    service.answers.push(() => new Promise((resolve) => setTimeout(() => resolve({ status: 'succeeded' }), 40)));
    const results = await Promise.all([runStep(outside(), step.id), runStep(outside(), step.id)]);
    expect(results.sort()).to.deep.equal(['busy', 'settled']);
    expect(service.keys).to.have.length(1);
    expect(appliedTo(step.key)).to.have.length(1);
  });

  it('hands a step to an operator after its attempts, and no job calls it again', async () => {
    const step = await started();
    for (let i = 0; i < 5; i++) service.answers.push(async () => Promise.reject(new Error('503 Service Unavailable')));
    await runStep(outside(), step.id);
    for (let i = 0; i < 6; i++) {
      clock.travel(minutes(10));
      await runDueJobs();
    }
    const stuck = (await Step.findByPk(step.id))!;
    expect(stuck).to.deep.include({ status: 'needs_attention', attempts: 3, lastError: '503 Service Unavailable' });
    expect(service.keys).to.have.length(3);
    expect(appliedTo(step.key)).to.deep.equal([]);
  });

  it('hands a step to an operator when its recovery job runs out while another run holds it, rather than leaving it pending', async () => {
    const step = await started();
    // a run that never finishes holds the lease for good (a process wedged mid-call)
    await Step.update({ lockedUntil: new Date(clock.nowMs() + minutes(60 * 24 * 365)) }, { where: { id: step.id } });
    for (let i = 0; i < 12; i++) {
      clock.travel(minutes(90));
      await runDueJobs();
    }
    const stuck = (await Step.findByPk(step.id))!;
    expect(stuck.status).to.equal('needs_attention');
    expect(stuck.lastError).to.match(/ran out of runs/);
    expect(service.keys, 'never called while held').to.deep.equal([]);
  });
});
