/**
 * Extension points: a module owns a hook, others contribute to it, and the hook's kind says what
 * the contributions mean together. (Contract only: the runners are built in the hooks work of
 * issue 10.)
 *
 *   'sequence'  many contribute, in `order`, each seeing what the earlier ones produced (quote adjusters)
 *   'all'       all must agree; the first refusal stops it and says why (may this order complete?)
 *   'each'      every contribution runs, in `order` (reactions inside the caller's transaction)
 */
export type HookKind = 'sequence' | 'all' | 'each';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface HookDef<Fn extends (...args: any[]) => unknown = (...args: any[]) => unknown> {
  readonly name: string;
  readonly kind: HookKind;
  /** Carries the contribution's function type; never read at run time. */
  readonly _fn?: Fn;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function defineHook<Fn extends (...args: any[]) => unknown>(name: string, kind: HookKind): HookDef<Fn> {
  return { name, kind };
}

export interface HookContribution {
  readonly hook: HookDef;
  /** Who contributes (`coupons.apply`), for errors, logs and the order of ties. */
  readonly name: string;
  /** Lower runs first; ties by name. */
  readonly order: number;
  readonly fn: unknown;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function contribute<Fn extends (...args: any[]) => unknown>(hook: HookDef<Fn>, name: string, fn: Fn, order = 100): HookContribution {
  return { hook: hook as HookDef, name, order, fn };
}
