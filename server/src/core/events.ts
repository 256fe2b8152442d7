/**
 * Typed domain events. An event is declared once, by the module that emits it, with the zod schema
 * of its payload; emitters and subscribers both name the declaration, never a string.
 * (Contract only: the outbox behind `emit` is built in the events work of issue 10.)
 */
import type { z } from 'zod';
import type { Ctx } from './context.js';
import type { AnySubscription } from './module.js';
import { subscribe } from './outbox.js';

export interface EventDef<P = unknown> {
  /** `<module>.<what happened>`, past tense (`order.paid`). */
  readonly type: string;
  readonly payload: z.ZodType<P>;
}

export type PayloadOf<E> = E extends EventDef<infer P> ? P : never;

export function defineEvent<S extends z.ZodType>(type: string, payload: S): EventDef<z.output<S>> {
  return { type, payload: payload as z.ZodType<z.output<S>> };
}

export interface Subscription<P = unknown> {
  readonly event: EventDef<P>;
  /** Names the reaction (`market.follow-product`), unique per event; its deliveries are tracked by it. */
  readonly name: string;
  readonly handler: (ctx: Ctx, payload: P) => Promise<void>;
}

export function on<P>(event: EventDef<P>, name: string, handler: (ctx: Ctx, payload: P) => Promise<void>): Subscription<P> {
  return { event, name, handler };
}

/**
 * Called once by the module installer with every module's subscriptions. For now each goes through
 * the outbox's string topics (one job per subscriber); the typed outbox replaces this.
 */
export function installSubscriptions(subs: readonly AnySubscription[]): void {
  for (const sub of subs) subscribe(sub.event.type, sub.name, (ctx, payload) => sub.handler(ctx, payload));
}
