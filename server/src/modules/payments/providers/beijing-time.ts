/** Chinese gateways write times in Beijing time (UTC+8, no daylight saving), each in its own format. */

/** RFC 3339, as WeChat Pay writes time_expire: `2026-11-24T18:30:00+08:00`. */
export function beijingTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

/** `2026-11-24 18:30:00`, as Alipay writes timestamp and time_expire. */
export function beijingClock(at: Date): string {
  return beijingTime(at).slice(0, 19).replace('T', ' ');
}
