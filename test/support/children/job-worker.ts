/**
 * The production worker process (server/src/worker.ts: the platform from the environment, every
 * module's jobs, the job worker loop, SIGTERM to stop) with two test jobs that leave a line
 * `<job> <n>` in TEST_JOB_TRACE when they start.
 */
import { appendFileSync } from 'node:fs';
import '../env.js';
import { defineJob } from '../../../server/src/core/jobs.js';

const trace = process.env.TEST_JOB_TRACE;
if (!trace) throw new Error('TEST_JOB_TRACE names the file this worker writes the jobs it ran to');

defineJob('test.shared-load', async (_ctx, payload) => {
  appendFileSync(trace, `test.shared-load ${String(payload.n)}\n`);
  // a little work, as a real job has: the other workers get to claim meanwhile
  await new Promise((resolve) => setTimeout(resolve, 2));
});
// never finishes here: its worker is killed while it runs
defineJob('test.dies-with-its-worker', async (_ctx, payload) => {
  appendFileSync(trace, `test.dies-with-its-worker ${String(payload.n)}\n`);
  await new Promise(() => undefined);
});

await import('../../../server/src/worker.js');
process.send?.({ type: 'ready' });
