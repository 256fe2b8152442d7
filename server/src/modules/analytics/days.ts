/** Days as Chinese shops keep their books: `YYYY-MM-DD` in Beijing time (UTC+8, no daylight saving). */
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export const beijingDay = (at: Date): string => new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);

/** The instant a Beijing day begins. */
export const dayStart = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS);

/** The last `n` Beijing days up to and including the one `now` falls in, oldest first. */
export function lastDays(now: Date, n: number): string[] {
  const today = Date.parse(`${beijingDay(now)}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => new Date(today - (n - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}
