/**
 * Durable scheduled work in the database: a job is a named handler, a payload and a time. Workers
 * (in-process in embedded mode, worker processes in production) claim due jobs under a lease, so
 * two workers never run the same job and a worker that dies leaves its jobs to the others once the
 * lease runs out; failures retry with backoff, then stop as `dead`.
 * Time comes from the injectable clock: tests move it and call runDueJobs().
 */
import { DataTypes, Model, Op, UniqueConstraintError, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { clock } from './clock.js';
import { runInContext, systemContext, type Ctx } from './context.js';
import { dialect, inTx, insertRow, jsonColumn, idColumn, parseJson, platformRows, platformWrite, timestamps, withTransaction } from './db/index.js';
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

/** Runs when the database opens (core/models.ts). */
export function initJobs(sequelize: Sequelize): void {
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
}

export type JobHandler = (ctx: Ctx, payload: Record<string, unknown>, job: { id: number; attempts: number }) => Promise<void>;

const handlers = new Map<string, JobHandler>();

/** Modules list their jobs in their declarations (installModules calls this); core and tests call it directly. */
export function defineJob(name: string, handler: JobHandler): void {
  if (handlers.has(name)) throw new Error(`job ${name} defined twice`);
  handlers.set(name, handler);
}

/** Called once by the module installer with every module's jobs. */
export function installJobs(jobs: Readonly<Record<string, JobHandler>>): void {
  for (const [name, handler] of Object.entries(jobs)) defineJob(name, handler);
}

export interface ScheduleOptions {
  /** At most one pending job per key: scheduling it again is a no-op. */
  dedupeKey?: string;
  maxAttempts?: number;
  /** The tenant the job runs for, when not the context's (the event dispatcher works for every tenant). */
  tenantId?: number | null;
}

/**
 * Schedules a job inside the caller's transaction, so it exists exactly when the change does.
 * False when a pending job already holds the dedupe key.
 */
export async function scheduleJob(ctx: Ctx, name: string, runAt: Date, payload: Record<string, unknown> = {}, options: ScheduleOptions = {}): Promise<boolean> {
  if (!handlers.has(name)) throw new Error(`unknown job ${name}`);
  try {
    await insertRow(ctx, Job, {
        tenantId: options.tenantId === undefined ? ctx.tenantId : options.tenantId,
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
    return true;
  } catch (err) {
    if (!(err instanceof UniqueConstraintError)) throw err;
    return false;
  }
}

export async function cancelJob(ctx: Ctx, dedupeKey: string): Promise<void> {
  await Job.update({ status: 'cancelled', finishedAt: clock.now(), dedupeKey: null }, { where: { dedupeKey, status: 'pending' }, ...inTx(ctx) });
}

/** How long a claimed job is its worker's: a worker that dies leaves it to another after this. */
const LEASE_MS = 5 * 60_000;
/** Jobs one worker claims at a time: few, so the last of them starts well inside its lease. */
const CLAIM_BATCH = 10;

function backoffMs(attempts: number): number {
  return Math.min(2 ** attempts * 1000, 3_600_000);
}

/** A job this worker holds: `attempts` counts this run and fences the job's outcome (see settle). */
interface ClaimedJob {
  id: number;
  tenantId: number | null;
  name: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

const leaseEnd = (now: Date) => new Date(now.getTime() + LEASE_MS);

/**
 * MariaDB/MySQL: the due rows are locked as they are read and rows another worker has locked are
 * skipped, so several worker processes each take a different batch instead of all reading the same
 * rows and racing for them. READ COMMITTED takes no gap locks: a claim holds up neither another
 * worker's claim nor a transaction scheduling a job.
 * Each range is read in the order of its index (status, run_at): with a sort, InnoDB would lock
 * every due row, not just the batch. A lease whose worker died counts as due.
 */
async function claimSkippingLocked(max: number): Promise<ClaimedJob[]> {
  return withTransaction(
    systemContext('jobs.claim'),
    async (tx) => {
      const now = clock.now();
      const columns = 'id, tenant_id AS tenantId, name, payload, attempts, max_attempts AS maxAttempts FROM jobs';
      const rows = await platformRows<Omit<ClaimedJob, 'payload'> & { payload: unknown }>(
        tx,
        `SELECT ${columns} WHERE status = 'running' AND locked_until < :now ORDER BY run_at, id LIMIT :max FOR UPDATE SKIP LOCKED`,
        { now, max },
      );
      if (rows.length < max) {
        rows.push(...(await platformRows<(typeof rows)[number]>(tx, `SELECT ${columns} WHERE status = 'pending' AND run_at <= :now ORDER BY run_at, id LIMIT :max FOR UPDATE SKIP LOCKED`, { now, max: max - rows.length })));
      }
      if (!rows.length) return [];
      await platformWrite(tx, "UPDATE jobs SET status = 'running', locked_until = :until, attempts = attempts + 1, updated_at = :now WHERE id IN (:ids)", { until: leaseEnd(now), now, ids: rows.map((r) => r.id) });
      return rows.map((r) => ({ ...r, attempts: Number(r.attempts) + 1, maxAttempts: Number(r.maxAttempts), payload: parseJson<Record<string, unknown>>(r.payload, {}) }));
    },
  );
}

/**
 * SQLite has one writer: read the due rows, then take each with a conditional update. When other
 * workers took every row read, read again: the rows they took are no longer due.
 */
async function claimOneByOne(max: number): Promise<ClaimedJob[]> {
  for (;;) {
    const now = clock.now();
    const due = await Job.findAll({
      where: { [Op.or]: [{ status: 'pending', runAt: { [Op.lte]: now } }, { status: 'running', lockedUntil: { [Op.lt]: now } }] },
      order: [['runAt', 'ASC'], ['id', 'ASC']],
      limit: max,
    });
    if (!due.length) return [];
    const claimed: ClaimedJob[] = [];
    for (const job of due) {
      const [count] = await Job.update(
        { status: 'running', lockedUntil: leaseEnd(now), attempts: job.attempts + 1 },
        { where: { id: job.id, attempts: job.attempts, [Op.or]: [{ status: 'pending' }, { status: 'running', lockedUntil: { [Op.lt]: now } }] } },
      );
      if (count === 1) claimed.push({ id: job.id, tenantId: job.tenantId, name: job.name, payload: job.payload, attempts: job.attempts + 1, maxAttempts: job.maxAttempts });
    }
    if (claimed.length) return claimed;
  }
}

/**
 * Records how a run ended, only while the job is still this run's: a worker that outlived its
 * lease finds the job taken over (attempts moved on) and leaves the newer run's outcome alone.
 */
async function settle(job: ClaimedJob, outcome: Partial<InferAttributes<Job>>): Promise<void> {
  const [count] = await Job.update(outcome, { where: { id: job.id, status: 'running', attempts: job.attempts } });
  if (count !== 1) logger().warn({ job: job.name, id: job.id, attempts: job.attempts }, 'job was taken over after its lease ran out; this run\'s outcome is dropped');
}

async function runClaimed(job: ClaimedJob): Promise<'done' | 'retry' | 'dead'> {
  const handler = handlers.get(job.name);
  try {
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    const ctx = systemContext(`job:${job.name}`, job.tenantId);
    await runInContext(ctx, () => handler(ctx, job.payload, { id: job.id, attempts: job.attempts }));
    await settle(job, { status: 'done', lockedUntil: null, finishedAt: clock.now(), dedupeKey: null });
    return 'done';
  } catch (err) {
    const dead = job.attempts >= job.maxAttempts;
    logger().warn({ err, job: job.name, id: job.id, attempts: job.attempts }, dead ? 'job failed for good' : 'job failed, will retry');
    await settle(job, {
      status: dead ? 'dead' : 'pending',
      lockedUntil: null,
      lastError: String((err as Error)?.stack ?? err).slice(0, 4000),
      runAt: new Date(clock.nowMs() + backoffMs(job.attempts)),
      ...(dead ? { finishedAt: clock.now(), dedupeKey: null } : {}),
    });
    return dead ? 'dead' : 'retry';
  }
}

export interface RunSummary {
  done: number;
  retried: number;
  dead: number;
}

/** Work that turns into jobs (the event dispatcher), run before each claim. */
const feeders: Array<() => Promise<unknown>> = [];

/** Registers work every pass does before claiming jobs: what it schedules is claimed in the same pass. */
export function beforeEachClaim(feed: () => Promise<unknown>): void {
  feeders.push(feed);
}

/**
 * A deadline every row of a table carries (an unpaid order's expires_at), kept by a query over an
 * index on each worker pass instead of one job row written with every row: the write path stays a
 * statement shorter. `run` acts on what is due, each row on its own so one failure stops nothing,
 * must tolerate another worker acting on the same row, and answers how many rows it found.
 */
export interface Sweep {
  /** Under its module, as a job is (`orders.cancel-unpaid`). */
  readonly name: string;
  readonly run: () => Promise<number>;
}

/**
 * A sweep's walk over the rows past their deadline, a page at a time, each page starting after the
 * last row of the one before (keyset), so a row that fails stays behind instead of being read again
 * and again; `act` on each row. How many rows it found.
 */
export async function walkPages<R>(batch: number, page: (after: R | undefined) => Promise<R[]>, act: (row: R) => Promise<void>): Promise<number> {
  let found = 0;
  for (let rows = await page(undefined); rows.length; rows = rows.length < batch ? [] : await page(rows.at(-1))) {
    for (const row of rows) await act(row);
    found += rows.length;
  }
  return found;
}

/** Called once by the module installer with every module's sweeps. */
export function installSweeps(sweeps: readonly Sweep[]): void {
  for (const sweep of sweeps) {
    beforeEachClaim(async () => {
      try {
        await sweep.run();
      } catch (err) {
        logger().error({ err, sweep: sweep.name }, 'sweep failed; tried again next pass');
      }
    });
  }
}

/**
 * Runs every job due by the clock, in order, until none is left (or `limit` ran). The feeders run
 * before each claim, so jobs that emit events see their subscribers' deliveries run in this call too.
 */
export async function runDueJobs(limit = 1000): Promise<RunSummary> {
  const summary: RunSummary = { done: 0, retried: 0, dead: 0 };
  let ran = 0;
  while (ran < limit) {
    for (const feed of feeders) await feed();
    const max = Math.min(CLAIM_BATCH, limit - ran);
    const claimed = dialect() === 'sqlite' ? await claimOneByOne(max) : await claimSkippingLocked(max);
    if (!claimed.length) break;
    for (const job of claimed) {
      const outcome = await runClaimed(job);
      ran++;
      if (outcome === 'done') summary.done++;
      else if (outcome === 'retry') summary.retried++;
      else summary.dead++;
    }
  }
  return summary;
}

let timer: NodeJS.Timeout | undefined;
let running = false;
let nudged = false;

/** A nudge during a pass asks for another pass right after it: the pass may have missed its work. */
function workerPass(byNudge: boolean): void {
  if (running) {
    if (byNudge) nudged = true;
    return;
  }
  running = true;
  nudged = false;
  runDueJobs(200)
    .catch((err) => logger().error({ err }, 'job worker pass failed'))
    .finally(() => {
      running = false;
      if (nudged) nudgeJobWorker();
    });
}

/** The in-process worker loop of the embedded mode (and of `npm run worker`). */
export function startJobWorker(pollMs: number): void {
  if (timer) return;
  timer = setInterval(() => workerPass(false), pollMs);
  timer.unref();
}

/** Nudges within this window share one pass: under load, a pass per commit would be a busy loop. */
const NUDGE_COALESCE_MS = 20;
let nudge: NodeJS.Timeout | undefined;

/**
 * New work was committed (an event): this process's worker, if it runs one, takes a pass soon
 * rather than at its next tick. Never inside the committing call: the pass opens transactions.
 */
export function nudgeJobWorker(): void {
  if (!timer || nudge) return;
  nudge = setTimeout(() => {
    nudge = undefined;
    workerPass(true);
  }, NUDGE_COALESCE_MS);
  nudge.unref();
}

export async function stopJobWorker(): Promise<void> {
  if (timer) clearInterval(timer);
  timer = undefined;
  if (nudge) clearTimeout(nudge);
  nudge = undefined;
  while (running) await new Promise((r) => setTimeout(r, 20));
}
