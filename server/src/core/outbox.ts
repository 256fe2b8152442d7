/**
 * Durable domain events (the transactional outbox). A module emits an event inside the
 * transaction that made the change; each subscriber gets its own delivery, run by the job
 * workers at least once and retried on failure, so subscribers must be idempotent.
 */
import { clock } from './clock.js';
import type { Ctx } from './context.js';
import { defineJob, scheduleJob, type JobHandler } from './jobs.js';

const subscribers = new Map<string, string[]>();

const jobName = (topic: string, subscriber: string) => `event:${topic}:${subscriber}`;

/** `subscriber` names the reaction (e.g. `market.reprice-listings`), unique per topic. */
export function subscribe<P extends Record<string, unknown>>(topic: string, subscriber: string, handler: (ctx: Ctx, payload: P) => Promise<void>): void {
  defineJob(jobName(topic, subscriber), handler as JobHandler);
  subscribers.set(topic, [...(subscribers.get(topic) ?? []), subscriber]);
}

export async function emit(ctx: Ctx, topic: string, payload: Record<string, unknown>): Promise<void> {
  const now = clock.now();
  for (const subscriber of subscribers.get(topic) ?? []) {
    await scheduleJob(ctx, jobName(topic, subscriber), now, { ...payload, _topic: topic, _at: now.toISOString() });
  }
}

export function subscribersOf(topic: string): readonly string[] {
  return subscribers.get(topic) ?? [];
}
