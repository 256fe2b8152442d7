/**
 * Extension points: a module owns a hook, others contribute to it, and the hook's kind says what
 * the contributions mean together.
 *
 *   'sequence'  many contribute, in `order`, each seeing what the earlier ones produced (quote adjusters)
 *   'all'       all must agree; the first refusal stops it and says why (may this order complete?)
 *   'each'      every contribution runs, in `order` (reactions inside the caller's transaction)
 *   'named'     one contribution per name, looked up by it (payment purposes, gateways)
 *
 * A contribution is whatever the hook's type says: a function for most, an object of functions
 * where a contributor has several steps (an adjuster prices, reserves and releases). Contributions
 * come from module declarations (core/module.ts); order ties break by name, so the outcome never
 * depends on the order modules are listed in.
 */
export type HookKind = 'sequence' | 'all' | 'each' | 'named';

export interface HookDef<T = unknown> {
  readonly name: string;
  readonly kind: HookKind;
  /** Carries the contribution's type; never read at run time. */
  readonly _contribution?: T;
}

export function defineHook<T>(name: string, kind: HookKind): HookDef<T> {
  return { name, kind };
}

export interface HookContribution<T = unknown> {
  readonly hook: HookDef<T>;
  /** Who contributes (`coupons.apply`), for errors, logs, the order of ties, and 'named' lookups. */
  readonly name: string;
  /** Lower runs first; ties by name. */
  readonly order: number;
  readonly value: T;
}

export function contribute<T>(hook: HookDef<T>, name: string, value: T, order = 100): HookContribution {
  return { hook, name, order, value } as HookContribution;
}

const byHook = new Map<string, { kind: HookKind; list: HookContribution[] }>();

function sortKey(a: HookContribution, b: HookContribution): number {
  return a.order - b.order || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Called once by the module installer with every module's contributions. */
export function installHooks(contributions: readonly HookContribution[]): void {
  for (const c of contributions) {
    const entry = byHook.get(c.hook.name) ?? { kind: c.hook.kind, list: [] };
    if (entry.kind !== c.hook.kind) throw new Error(`hook ${c.hook.name} declared as both ${entry.kind} and ${c.hook.kind}`);
    if (entry.list.some((x) => x.name === c.name)) throw new Error(`hook ${c.hook.name}: ${c.name} contributes twice`);
    entry.list = [...entry.list, c].sort(sortKey);
    byHook.set(c.hook.name, entry);
  }
}

/** The contributions to a hook, in run order. */
export function contributionsTo<T>(hook: HookDef<T>): ReadonlyArray<{ readonly name: string; readonly order: number; readonly value: T }> {
  return (byHook.get(hook.name)?.list ?? []) as unknown as Array<{ name: string; order: number; value: T }>;
}

/** The one contribution of that name to a 'named' hook. */
export function namedContribution<T>(hook: HookDef<T>, name: string): T | undefined {
  return contributionsTo(hook).find((c) => c.name === name)?.value;
}

/** Each contribution gets what the previous one returned; the last one's result is the answer. */
export async function runSequence<V, A extends unknown[]>(hook: HookDef<(value: V, ...args: A) => V | Promise<V>>, initial: V, ...args: A): Promise<V> {
  let value = initial;
  for (const c of contributionsTo(hook)) value = await c.value(value, ...args);
  return value;
}

/** A contribution to an 'all' hook agrees (true) or refuses, saying why. */
export type Verdict = true | { refused: string };
export type Agreement = { ok: true } | { ok: false; by: string; reason: string };

/** Every contribution must agree; stops at the first refusal. No contribution means agreement. */
export async function runAll<A extends unknown[]>(hook: HookDef<(...args: A) => Verdict | Promise<Verdict>>, ...args: A): Promise<Agreement> {
  for (const c of contributionsTo(hook)) {
    const verdict = await c.value(...args);
    if (verdict !== true) return { ok: false, by: c.name, reason: verdict.refused };
  }
  return { ok: true };
}

/** Runs every contribution in order; a throw stops the rest (inside a transaction it rolls back all). */
export async function runEach<A extends unknown[]>(hook: HookDef<(...args: A) => unknown>, ...args: A): Promise<void> {
  for (const c of contributionsTo(hook)) await c.value(...args);
}
