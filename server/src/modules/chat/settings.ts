/**
 * The chat module's part of a shop's settings: when the service desk is open (in the shop's own
 * time zone), when a quiet conversation closes itself, and how many conversations an agent takes
 * at once until they set their own number.
 */
import { z } from 'zod';

const label = (zh: string, en: string) => ({ label: { zh, en } });
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
const validZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export const chatSettings = z
  .object({
    timezone: z.string().trim().max(64).refine(validZone, 'an IANA time zone, e.g. Asia/Shanghai').default('Asia/Shanghai').meta(label('客服时区', 'Customer service time zone')),
    openDays: z.string().regex(/^[1-7]{0,7}$/, 'ISO weekdays, e.g. 12345 for Monday to Friday').default('1234567').meta(label('客服工作日 (1=周一 … 7=周日)', 'Service days (1 = Monday … 7 = Sunday)')),
    opensAt: clockTime.default('00:00').meta(label('客服上班时间', 'Service opens at')),
    closesAt: clockTime.default('24:00').meta(label('客服下班时间', 'Service closes at')),
    idleMinutes: z.number().int().min(1).max(1440).default(30).meta(label('会话无消息自动结束 (分钟)', 'Close a quiet conversation after (minutes)')),
    defaultCapacity: z.number().int().min(1).max(50).default(5).meta(label('客服默认同时接待数', 'Conversations an agent takes at once (default)')),
  })
  .meta(label('在线客服', 'Customer service'));

export type ChatSettings = z.output<typeof chatSettings>;

/** Whether `at` falls inside the shop's business hours, read in its time zone. */
export function withinBusinessHours(settings: ChatSettings, at: Date): boolean {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: settings.timezone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday ?? '') + 1;
  if (!settings.openDays.includes(String(weekday))) return false;
  const now = `${parts.hour}:${parts.minute}`;
  return now >= settings.opensAt && now < settings.closesAt;
}

/** Midnight of `at`'s day in the shop's time zone, as an instant. */
export function startOfShopDay(settings: ChatSettings, at: Date): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: settings.timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offset = asUtc - Math.floor(at.getTime() / 1000) * 1000;
  return new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) - offset);
}
