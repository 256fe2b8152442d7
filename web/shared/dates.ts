/**
 * Times and dates as the reader's language writes them, one formatter for both apps: zh-CN in
 * 24-hour figures ("2026-12-06 08:36", "08:36"), English as people there read them
 * ("Dec 6, 2026, 8:36 AM", "8:36 AM"). Minutes are the finest a screen shows.
 */
import { currentLocale, type Locale } from './i18n';

export type When = string | number | Date | null | undefined;

const pad = (n: number): string => String(n).padStart(2, '0');

/** A local calendar day as "2026-12-06", whatever the language (keys, chart axes, file names). */
export const dayKey = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

const clockZh = (d: Date): string => `${pad(d.getHours())}:${pad(d.getMinutes())}`;

// Intl formatters are costly to build and tables format many cells: one per shape
const en = {
  date: new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric' }),
  clock: new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', hour12: true }),
  dateTime: new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true }),
  monthDay: new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' }),
};

type Shape = keyof typeof en;

const zh: Record<Shape, (d: Date) => string> = {
  date: dayKey,
  clock: clockZh,
  dateTime: (d) => `${dayKey(d)} ${clockZh(d)}`,
  monthDay: (d) => `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
};

/** A day key ("2026-12-06") is that day where the reader is, not midnight UTC. */
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function format(shape: Shape, when: When, empty: string, locale: Locale): string {
  if (when === null || when === undefined || when === '') return empty;
  const d = when instanceof Date ? when : typeof when === 'string' && DAY.test(when) ? new Date(`${when}T00:00:00`) : new Date(when);
  if (Number.isNaN(d.getTime())) return empty;
  return locale === 'en' ? en[shape].format(d) : zh[shape](d);
}

/** "2026-12-06 08:36" / "Dec 6, 2026, 8:36 AM"; `empty` when there is no time. */
export const formatDateTime = (when: When, empty = '', locale: Locale = currentLocale()): string => format('dateTime', when, empty, locale);

/** "2026-12-06" / "Dec 6, 2026". */
export const formatDate = (when: When, empty = '', locale: Locale = currentLocale()): string => format('date', when, empty, locale);

/** "08:36" / "8:36 AM". */
export const formatClock = (when: When, empty = '', locale: Locale = currentLocale()): string => format('clock', when, empty, locale);

/** "12-06" / "Dec 6": a day on a chart's axis. */
export const formatMonthDay = (when: When, empty = '', locale: Locale = currentLocale()): string => format('monthDay', when, empty, locale);
