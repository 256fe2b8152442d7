/** What shoppers and the console see of groups: members by nickname, never a customer's phone. */
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { customerBriefs } from '../customers/index.js';
import { membersOfGroups, type ActivityRow, type GroupRow, type MemberRow } from './repository.js';
import type { GroupView } from './schemas.js';

export type ActivityStatus = 'not_started' | 'running' | 'ended';

export function activityStatus(a: Pick<ActivityRow, 'startsAt' | 'endsAt' | 'endedAt'>, now = clock.now()): ActivityStatus {
  if (a.endedAt || a.endsAt.getTime() <= now.getTime()) return 'ended';
  return a.startsAt.getTime() > now.getTime() ? 'not_started' : 'running';
}

/** Joinable now: the leader paid, the group is forming, in time, and a seat is free. */
export function isOpen(g: GroupRow, now = clock.now()): boolean {
  return g.status === 'forming' && g.openedAt !== null && g.expiresAt.getTime() > now.getTime() && g.seatsTaken < g.groupSize;
}

/** Members that count: paid ones (and the filler seats of a simulated group), leader first. */
const counted = (members: MemberRow[]) => members.filter((m) => m.status === 'paid' || m.simulated || m.status === 'refunded').sort((a, b) => Number(b.leader) - Number(a.leader) || a.id - b.id);

/** The groups with their members: two reads whatever the number of groups. */
export async function groupViews(ctx: Ctx, groups: GroupRow[], viewerId: number | null): Promise<Array<GroupView & { row: GroupRow; memberRows: Array<MemberRow & { nickname: string | null; phone: string | null }> }>> {
  const members = await membersOfGroups(ctx, groups.map((g) => g.id));
  const names = await customerBriefs(ctx, [...new Set(members.flatMap((m) => (m.customerId ? [m.customerId] : [])))], false);
  return groups.map((g) => {
    const own = members.filter((m) => m.groupId === g.id);
    const shown = counted(own);
    const paid = shown.filter((m) => m.status === 'paid' || m.simulated).length;
    return {
      id: g.id,
      groupBuyId: g.groupBuyId,
      status: g.status,
      groupSize: g.groupSize,
      needed: g.status === 'forming' ? Math.max(0, g.groupSize - paid) : g.status === 'succeeded' ? 0 : Math.max(0, g.groupSize - paid),
      open: isOpen(g),
      simulated: g.simulated,
      expiresAt: g.expiresAt.toISOString(),
      members: shown.map((m) => ({ nickname: m.customerId ? (names.get(m.customerId)?.nickname ?? null) : null, leader: m.leader, simulated: m.simulated, paidAt: m.paidAt?.toISOString() ?? null })),
      mine: viewerId !== null && own.some((m) => m.customerId === viewerId),
      row: g,
      memberRows: own.map((m) => ({ ...m, nickname: m.customerId ? (names.get(m.customerId)?.nickname ?? null) : null, phone: m.customerId ? (names.get(m.customerId)?.phone ?? null) : null })),
    };
  });
}

export function publicGroup<T extends GroupView>(v: T): GroupView {
  const { id, groupBuyId, status, groupSize, needed, open, simulated, expiresAt, members, mine } = v;
  return { id, groupBuyId, status, groupSize, needed, open, simulated, expiresAt, members, mine };
}
