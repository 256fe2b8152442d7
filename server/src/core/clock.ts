/**
 * The one clock scheduled work reads. Production reads the system time; tests move it
 * (`clock.travel(ms)`) instead of waiting for timeouts.
 */
let offsetMs = 0;
let frozenAt: number | null = null;

export const clock = {
  now(): Date {
    return new Date(this.nowMs());
  },
  nowMs(): number {
    return (frozenAt ?? Date.now()) + offsetMs;
  },
  /** Moves time forward (or back) by ms; only for tests and simulations. */
  travel(ms: number): void {
    offsetMs += ms;
  },
  freeze(at: Date = new Date()): void {
    frozenAt = at.getTime();
    offsetMs = 0;
  },
  reset(): void {
    offsetMs = 0;
    frozenAt = null;
  },
};

export const minutes = (n: number) => n * 60_000;
export const hours = (n: number) => n * 3_600_000;
export const days = (n: number) => n * 86_400_000;
