/**
 * Durable scheduled work in the database: a job is a named handler, a payload and a time. Workers
 * (in-process in embedded mode, worker processes in production) claim due jobs with a conditional
 * update, so two workers never run the same job; failures retry with backoff, then stop as `dead`.
 * Time comes from the injectable clock: tests move it and call runDueJobs().
 */
import { DataTypes, Model, Op, UniqueConstraintError, type CreationOptional, type InferAttributes, type InferCreationAttributes } from 'sequelize';
import { clock } from './clock.js';
import { runInContext, systemContext, type Ctx } from './context.js';
import { inTx, insertRow, jsonColumn, onModelsInit, idColumn, timestamps } from './db/index.js';
import { logger } from './logger.js';

export type JobStatus = 'pending' | 'running' | 'done' | 'dead' | 'cancelled';

export class Job extends Model<InferAttributes<Job>, InferCreationAttributes<Job>> {
  declare id: CreationOptional<number>;
  declare tenantId: number | null;
  declare name: string;
  declare payload: Record<string, unknown>;
  declare runAt: Date;
  declare status: JobStatus;
  declare attempts: CreationOptional<number>;
  declare maxAttempts: CreationOptional<number>;
  declare lockedUntil: Date | null;
  declare lastError: string | null;
  declare dedupeKey: string | null;
  declare finishedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

onModelsInit((sequelize) => {
  Job.init(
    {
      id: idColumn(),
      tenantId: { type: DataTypes.INTEGER, allowNull: true },
      name: { type: DataTypes.STRING(96), allowNull: false },
      payload: jsonColumn('payload', {}),
      runAt: { type: DataTypes.DATE(3), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      maxAttempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 10 },
      lockedUntil: { type: DataTypes.DATE(3), allowNull: true },
      lastError: { type: DataTypes.TEXT, allowNull: true },
      dedupeKey: { type: DataTypes.STRING(191), allowNull: true },
      finishedAt: { type: DataTypes.DATE(3), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'jobs' },
  );
});

export type JobHandler = (ctx: Ctx, payload: Record<string, unknown>, job: { id: number; attempts: number }) => Promise<void>;

const handlers = new Map<string, JobHandler>();

export function defineJob(name: string, handler: JobHandler): void {
  if (handlers.has(name)) throw new Error(`job ${name} defined twice`);
  handlers.set(name, handler);
}

export interface ScheduleOptions {
  /** At most one pending job per key: scheduling it again is a no-op. */
  dedupeKey?: string;
  maxAttempts?: number;
}

/** Schedules a job inside the caller's transaction, so it exists exactly when the change does. */
export async function scheduleJob(ctx: Ctx, name: string, runAt: Date, payload: Record<string, unknown> = {}, options: ScheduleOptions = {}): Promise<void> {
  if (!handlers.has(name)) throw new Error(`unknown job ${name}`);
  try {
    await insertRow(ctx, Job, {
        tenantId: ctx.tenantId,
        name,
        payload,
        runAt,
        status: 'pending',
        lockedUntil: null,
        lastError: null,
        dedupeKey: options.dedupeKey ?? null,
        finishedAt: null,
        ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    });
  } catch (err) {
    if (!(err instanceof UniqueConstraintError)) throw err;
  }
}

export async function cancelJob(ctx: Ctx, dedupeKey: string): Promise<void> {
  await Job.update({ status: 'cancelled', finishedAt: clock.now(), dedupeKey: null }, { where: { dedupeKey, status: 'pending' }, ...inTx(ctx) });
}

const LEASE_MS = 5 * 60_000;

function backoffMs(attempts: number): number {
  return Math.min(2 ** attempts * 1000, 3_600_000);
}

async function claim(job: Job): Promise<boolean> {
  const now = clock.now();
  const [count] = await Job.update(
    { status: 'running', lockedUntil: new Date(now.getTime() + LEASE_MS), attempts: job.attempts + 1 },
    {
      where: {
        id: job.id,
        attempts: job.attempts,
        [Op.or]: [{ status: 'pending' }, { status: 'running', lockedUntil: { [Op.lt]: now } }],
      },
    },
  );
  return count === 1;
}

async function runOne(job: Job): Promise<'done' | 'retry' | 'dead' | 'skipped'> {
  if (!(await claim(job))) return 'skipped';
  const handler = handlers.get(job.name);
  const attempts = job.attempts + 1;
  try {
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    await runInContext(systemContext(`job:${job.name}`, job.tenantId), () => handler(systemContext(`job:${job.name}`, job.tenantId), job.payload, { id: job.id, attempts }));
    await Job.update({ status: 'done', lockedUntil: null, finishedAt: clock.now(), dedupeKey: null }, { where: { id: job.id } });
    return 'done';
  } catch (err) {
    const dead = attempts >= job.maxAttempts;
    logger().warn({ err, job: job.name, id: job.id, attempts }, dead ? 'job failed for good' : 'job failed, will retry');
    await Job.update(
      {
        status: dead ? 'dead' : 'pending',
        lockedUntil: null,
        lastError: String((err as Error)?.stack ?? err).slice(0, 4000),
        runAt: new Date(clock.nowMs() + backoffMs(attempts)),
        ...(dead ? { finishedAt: clock.now(), dedupeKey: null } : {}),
      },
      { where: { id: job.id } },
    );
    return dead ? 'dead' : 'retry';
  }
}

export interface RunSummary {
  done: number;
  retried: number;
  dead: number;
}

/** Runs every job due by the clock, in order, until none is left (or `limit` ran). */
export async function runDueJobs(limit = 1000): Promise<RunSummary> {
  const summary: RunSummary = { done: 0, retried: 0, dead: 0 };
  let ran = 0;
  while (ran < limit) {
    const now = clock.now();
    const due = await Job.findAll({
      where: { [Op.or]: [{ status: 'pending', runAt: { [Op.lte]: now } }, { status: 'running', lockedUntil: { [Op.lt]: now } }] },
      order: [['runAt', 'ASC'], ['id', 'ASC']],
      limit: Math.min(50, limit - ran),
    });
    if (!due.length) break;
    let progressed = false;
    for (const job of due) {
      const outcome = await runOne(job);
      if (outcome === 'skipped') continue;
      progressed = true;
      ran++;
      if (outcome === 'done') summary.done++;
      else if (outcome === 'retry') summary.retried++;
      else summary.dead++;
    }
    if (!progressed) break;
  }
  return summary;
}

let timer: NodeJS.Timeout | undefined;
let running = false;

/** The in-process worker loop of the embedded mode (and of `npm run worker`). */
export function startJobWorker(pollMs: number): void {
  if (timer) return;
  timer = setInterval(() => {
    if (running) return;
    running = true;
    runDueJobs(200)
      .catch((err) => logger().error({ err }, 'job worker pass failed'))
      .finally(() => {
        running = false;
      });
  }, pollMs);
  timer.unref();
}

export async function stopJobWorker(): Promise<void> {
  if (timer) clearInterval(timer);
  timer = undefined;
  while (running) await new Promise((r) => setTimeout(r, 20));
}
