/**
 * Days and years as the shop counts them: China's calendar (Asia/Shanghai), as the shop's
 * other daily figures do. A check-in day is `YYYYMMDD` as a number; points earned in a year expire
 * at the end of the next.
 */
const format = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function shopDay(at: Date): number {
  return Number(format.format(at).replaceAll('-', ''));
}

export function shopYear(at: Date): number {
  return Math.floor(shopDay(at) / 10000);
}

/** The day before `day` (both YYYYMMDD). */
export function dayBefore(day: number): number {
  const d = new Date(Date.UTC(Math.floor(day / 10000), (Math.floor(day / 100) % 100) - 1, day % 100) - 86_400_000);
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

/** When points earned in `year` expire: the end of the following year, Beijing time. */
export function expiryOf(year: number): Date {
  return new Date(Date.UTC(year + 2, 0, 1) - 8 * 3_600_000);
}
