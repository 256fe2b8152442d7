/**
 * Steps across an outside service (a refund, a payout): a write we cannot put in our transaction.
 *
 *   1. start, inside the caller's transaction: the intent (a `steps` row with its idempotency key)
 *      and its recovery job commit together with whatever the caller decided, or not at all;
 *   2. run, after commit: the call is made with the step's key, under a short lease so two runs
 *      never call at once; its outcome is recorded in one transaction;
 *   3. a throw, a timeout or a crash before the call leaves the step `pending`: the recovery job
 *      calls again with the same key, with backoff, and after `maxAttempts` hands it to an operator
 *      (`needs_attention`), who can retry it.
 *
 * The intent is a row of its own rather than the domain's (the refund's) so one queue of stuck
 * steps serves refunds, payouts and whatever calls out next, and the domain rows keep only their
 * own states. An outcome is applied once: recording it is a conditional update on the step's
 * status, and only the update that moved it runs the step's `settle`.
 */
import { DataTypes, Model, Op, type CreationOptional, type InferAttributes, type InferCreationAttributes } from 'sequelize';
import { z } from 'zod';
import { clock } from './clock.js';
import { runInContext, systemContext, type Ctx } from './context.js';
import { idColumn, inTx, jsonColumn, pageOf, paginate, timestamps, withTransaction, type ModelInit, type Page, type PageQuery } from './db/index.js';
import { conflict, notFound } from './errors.js';
import { cancelJob, scheduleJob, type JobHandler } from './jobs.js';
import { logger } from './logger.js';

export type StepStatus = 'pending' | 'waiting' | 'succeeded' | 'refused' | 'needs_attention';
const OPEN: StepStatus[] = ['pending', 'waiting', 'needs_attention'];

/** What the service said: done, refused, or it has the request and will say later. A throw means we do not know whether it heard. */
export type StepOutcome = { status: 'succeeded'; detail?: Record<string, unknown> } | { status: 'refused'; reason: string } | { status: 'unknown'; detail?: Record<string, unknown> };
export type FinalOutcome = Exclude<StepOutcome, { status: 'unknown' }>;

export interface StepDef<P extends Record<string, unknown> = Record<string, unknown>> {
  readonly name: string;
  /** Calls the service with the step's key; the same key twice must not do the thing twice. */
  call(ctx: Ctx, payload: P, key: string): Promise<StepOutcome>;
  /** Applies the final outcome, in the transaction that records it; runs once per step. */
  settle(tx: Ctx, payload: P, outcome: FinalOutcome): Promise<void>;
  /** The service has it and will answer later (a notification, a status query): in the recording transaction. */
  awaitAnswer?(tx: Ctx, payload: P, outcome: Extract<StepOutcome, { status: 'unknown' }>): Promise<void>;
  /** Calls before an operator is asked to look (the after-commit call counts). */
  readonly maxAttempts: number;
  /** A call that takes longer counts as failed; the lease on the step is a little longer. */
  readonly timeoutMs: number;
  /** When the recovery job first looks, should the after-commit call never happen. */
  readonly firstRetryMs: number;
}

export class Step extends Model<InferAttributes<Step>, InferCreationAttributes<Step>> {
  declare id: CreationOptional<number>;
  declare tenantId: number | null;
  declare name: string;
  declare stepKey: string;
  declare payload: Record<string, unknown>;
  declare status: StepStatus;
  declare attempts: CreationOptional<number>;
  declare lockedUntil: Date | null;
  declare lastError: string | null;
  declare outcome: Record<string, unknown> | null;
  declare settledAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export const initSteps: ModelInit = (sequelize) => {
  Step.init(
    {
      id: idColumn(),
      tenantId: { type: DataTypes.INTEGER, allowNull: true },
      name: { type: DataTypes.STRING(64), allowNull: false },
      stepKey: { type: DataTypes.STRING(64), allowNull: false },
      payload: jsonColumn('payload', {}),
      status: { type: DataTypes.STRING(20), allowNull: false },
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      lockedUntil: { type: DataTypes.DATE(3), allowNull: true },
      lastError: { type: DataTypes.TEXT, allowNull: true },
      outcome: jsonColumn<Record<string, unknown> | null>('outcome', null, true),
      settledAt: { type: DataTypes.DATE(3), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'steps' },
  );
};

const defs = new Map<string, StepDef<Record<string, unknown>>>();

/** Declares a step; it runs once installed (a module lists it in its declaration's `steps`). */
export function defineStep<P extends Record<string, unknown>>(def: Omit<StepDef<P>, 'maxAttempts' | 'timeoutMs' | 'firstRetryMs'> & Partial<Pick<StepDef<P>, 'maxAttempts' | 'timeoutMs' | 'firstRetryMs'>>): StepDef<P> {
  return { maxAttempts: 8, timeoutMs: 15_000, firstRetryMs: 2 * 60_000, ...def };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStepDef = StepDef<any>;

/** Called once by the module installer with every module's steps (and by tests with their own). */
export function installSteps(list: readonly AnyStepDef[]): void {
  for (const def of list) {
    if (defs.has(def.name)) throw new Error(`step ${def.name} defined twice`);
    defs.set(def.name, def as StepDef<Record<string, unknown>>);
  }
}

function defOf(name: string): StepDef<Record<string, unknown>> {
  const def = defs.get(name);
  if (!def) throw new Error(`no step ${name}`);
  return def;
}

export interface StepRef {
  id: number;
  key: string;
}

const RESUME_JOB = 'steps.resume';
const jobKey = (stepId: number) => `step:${stepId}`;

/** The job retries on its own backoff: a few runs more than the step's attempts, as a run that finds the step busy (another run holds its lease) counts for the job but not for the step. */
const jobAttempts = (def: Pick<StepDef, 'maxAttempts'>) => def.maxAttempts + 3;

async function scheduleResume(ctx: Ctx, def: StepDef<Record<string, unknown>>, stepId: number, at: Date): Promise<void> {
  await scheduleJob(ctx, RESUME_JOB, at, { stepId }, { dedupeKey: jobKey(stepId), maxAttempts: jobAttempts(def) });
}

/** Commits the intent and its recovery job with the caller's transaction. Nothing is called here: runStep does that after commit. */
export async function startStep<P extends Record<string, unknown>>(tx: Ctx, def: StepDef<P>, key: string, payload: P): Promise<StepRef> {
  if (!tx.transaction) throw new Error(`step ${def.name} starts inside the transaction that decides it`);
  const step = await Step.create({ tenantId: tx.tenantId, name: def.name, stepKey: key, payload, status: 'pending', lockedUntil: null, lastError: null, outcome: null, settledAt: null }, inTx(tx));
  await scheduleResume(tx, def as unknown as StepDef<Record<string, unknown>>, step.id, new Date(clock.nowMs() + def.firstRetryMs));
  return { id: step.id, key };
}

export type RunResult = 'settled' | 'waiting' | 'failed' | 'busy' | 'closed';

/**
 * One call of a pending step: claims it under a lease (another run holding it: 'busy'), calls the
 * service, records what it said. A failure is recorded on the step and reported, not thrown.
 */
export async function runStep(ctx: Ctx, stepId: number): Promise<RunResult> {
  if (ctx.transaction) throw new Error('runStep calls an outside service: call it after the transaction commits');
  const step = await Step.findByPk(stepId);
  if (!step) throw notFound('Step');
  if (step.status !== 'pending') return 'closed';
  const def = defOf(step.name);
  const now = clock.now();
  const [claimed] = await Step.update(
    { attempts: step.attempts + 1, lockedUntil: new Date(now.getTime() + def.timeoutMs + 5_000) },
    { where: { id: step.id, status: 'pending', attempts: step.attempts, [Op.or]: [{ lockedUntil: null }, { lockedUntil: { [Op.lt]: now } }] } },
  );
  if (claimed !== 1) return 'busy';
  const attempt = step.attempts + 1;
  let outcome: StepOutcome;
  try {
    outcome = await withTimeout(def.call(ctx, step.payload, step.stepKey), def.timeoutMs);
  } catch (err) {
    const handOver = attempt >= def.maxAttempts;
    logger().warn({ err, step: step.name, stepId: step.id, attempt }, handOver ? 'step failed for the last time: an operator must look' : 'step failed; its job calls again');
    await Step.update(
      { lockedUntil: null, lastError: String((err as Error)?.message ?? err).slice(0, 2000), ...(handOver ? { status: 'needs_attention' as const } : {}) },
      { where: { id: step.id, status: 'pending', attempts: attempt } },
    );
    return 'failed';
  }
  if (outcome.status === 'unknown') {
    const answer = outcome;
    return withTransaction(ctx, async (tx) => {
      const [moved] = await Step.update({ status: 'waiting', lockedUntil: null, outcome: answer.detail ?? null }, { where: { id: step.id, status: 'pending' }, ...inTx(tx) });
      if (moved !== 1) return 'closed' as const;
      await def.awaitAnswer?.(tx, step.payload, answer);
      await cancelJob(tx, jobKey(step.id));
      return 'waiting' as const;
    });
  }
  return (await settle(ctx, step, outcome)) ? 'settled' : 'closed';
}

/** Records a final outcome once: only the update that moves the step out of an open status applies it. */
async function settle(ctx: Ctx, step: Step, outcome: FinalOutcome): Promise<boolean> {
  const def = defOf(step.name);
  return withTransaction(ctx, async (tx) => {
    const [moved] = await Step.update(
      { status: outcome.status, lockedUntil: null, outcome: outcome.status === 'succeeded' ? (outcome.detail ?? {}) : { reason: outcome.reason }, settledAt: clock.now() },
      { where: { id: step.id, status: OPEN }, ...inTx(tx) },
    );
    if (moved !== 1) return false;
    await def.settle(tx, step.payload, outcome);
    await cancelJob(tx, jobKey(step.id));
    return true;
  });
}

/** The service's later word on a step (a notification, a status query), by the step's key. Replays change nothing. */
export async function settleStep(ctx: Ctx, def: StepDef<never>, key: string, outcome: FinalOutcome): Promise<boolean> {
  const step = await Step.findOne({ where: { name: def.name, stepKey: key }, ...inTx(ctx) });
  if (!step) throw notFound('Step');
  return settle(ctx, step, outcome);
}

/** The id of the step of this definition and key, or null when it was never started. */
export async function stepIdOf(def: StepDef<never>, key: string): Promise<number | null> {
  const step = await Step.findOne({ where: { name: def.name, stepKey: key }, attributes: ['id'] });
  return step?.id ?? null;
}

/** A step the service holds without an answer for too long goes to an operator too. */
export async function needsAttention(ctx: Ctx, def: StepDef<never>, key: string, why: string): Promise<void> {
  await Step.update({ status: 'needs_attention', lastError: why.slice(0, 2000) }, { where: { name: def.name, stepKey: key, status: OPEN }, ...inTx(ctx) });
}

export const stepViewSchema = z.object({
  id: z.number(),
  tenantId: z.number().nullable(),
  name: z.string(),
  key: z.string(),
  status: z.enum(['pending', 'waiting', 'succeeded', 'refused', 'needs_attention']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StepView = z.infer<typeof stepViewSchema>;

const view = (s: Step): StepView => ({ id: s.id, tenantId: s.tenantId, name: s.name, key: s.stepKey, status: s.status, attempts: s.attempts, lastError: s.lastError, createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString() });

/** Steps in a status across tenants, oldest first: the operator's queue of stuck ones by default. */
export async function listSteps(q: PageQuery & { status?: StepStatus }): Promise<Page<StepView>> {
  const { rows, count } = await Step.findAndCountAll({ where: { status: q.status ?? 'needs_attention' }, order: [['id', 'ASC']], ...paginate(q) });
  return pageOf(q, rows.map(view), count);
}

/**
 * An operator sends a stuck step again: it is pending with fresh attempts and its job back, and
 * it is called once now. The same key goes out, so a service that did act answers with that.
 */
export async function retryStep(ctx: Ctx, stepId: number): Promise<StepView> {
  await withTransaction(ctx, async (tx) => {
    const step = await Step.findByPk(stepId, inTx(tx));
    if (!step) throw notFound('Step');
    const [moved] = await Step.update({ status: 'pending', attempts: 0, lockedUntil: null }, { where: { id: stepId, status: 'needs_attention' }, ...inTx(tx) });
    if (moved !== 1) throw conflict('invalid_state', `A step that is ${step.status} is not retried`);
    await scheduleResume({ ...tx, tenantId: step.tenantId }, defOf(step.name), step.id, new Date(clock.nowMs() + defOf(step.name).firstRetryMs));
  });
  const step = (await Step.findByPk(stepId))!;
  // the call runs as the step's shop would from its job, whoever the operator is
  const asJob = systemContext(`step:${step.name}`, step.tenantId);
  await runInContext(asJob, () => runStep(asJob, stepId));
  return view((await Step.findByPk(stepId))!);
}

/**
 * The recovery job of every step (core's own job, listed in core/platform.ts). On its last run a
 * step still pending (busy each time, say) goes to an operator rather than being left pending with
 * nothing to call it again: a run still holding it may yet settle it, as a settled outcome wins
 * over needs_attention.
 */
export const resumeStepJob: JobHandler = async (ctx, payload, job) => {
  const stepId = Number(payload.stepId);
  const result = await runStep(ctx, stepId);
  if (result !== 'busy' && result !== 'failed') return;
  const step = await Step.findByPk(stepId);
  // handed to an operator by the failed run, or settled meanwhile: the job is done
  if (step?.status !== 'pending') return;
  if (job.attempts >= jobAttempts(defOf(step.name))) {
    await Step.update({ status: 'needs_attention', lastError: `its recovery job ran out of runs (${result === 'busy' ? 'another run held the step' : step.lastError ?? 'failed'})`.slice(0, 2000) }, { where: { id: stepId, status: 'pending' } });
    logger().warn({ step: step.name, stepId }, 'step recovery job ran out of runs: an operator must look');
    return;
  }
  throw new Error(result === 'busy' ? 'another run holds the step; looking again later' : `step ${step.name} failed: ${step.lastError ?? ''}`);
};

export const stepJobs: Readonly<Record<string, JobHandler>> = { [RESUME_JOB]: resumeStepJob };

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
