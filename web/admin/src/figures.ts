/** The workbenches' shapes (`GET /admin/workbench`, `GET /platform/dashboard`) and how a change reads. */
import type { Reply } from '../../shared/types';
import type { platformDashboardReply, workbenchReply } from '../../../server/src/modules/analytics/schemas.js';

export type Workbench = Reply<typeof workbenchReply>;
export type PlatformDashboard = Reply<typeof platformDashboardReply>;
export type DayFigures = NonNullable<Workbench['today']>;

/** Paid orders per visitor, 0 when nobody came. */
export const conversion = (d: { orders: number; visitors: number }): number => (d.visitors ? d.orders / d.visitors : 0);

/** The change from yesterday as a signed percentage, or null when yesterday had nothing to compare. */
export function change(today: number, yesterday: number): number | null {
  if (!yesterday) return today ? null : 0;
  return Math.round(((today - yesterday) / yesterday) * 1000) / 10;
}

export const percent = (ratio: number): string => `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`;
