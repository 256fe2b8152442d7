/**
 * Agents: who may serve (the `support` permission), their status and capacity (a row per agent,
 * made the first time they appear), and their presence: a row per connected socket, refreshed by
 * its node, so every node sees an agent connected anywhere.
 */
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { systemContext } from '../../core/context.js';
import { can } from '../../core/permissions.js';
import { settingsOf } from '../../core/settings.js';
import { staffNames } from '../accounts/index.js';
import { chatErrors } from './errors.js';
import { sayAgent } from './notify.js';
import * as repo from './repository.js';
import type { AgentRow } from './repository.js';
import type { AgentView } from './schemas.js';
import { chatSettings } from './settings.js';

/** A node refreshes its sockets this often; a socket not seen for PRESENCE_FRESH_MS no longer counts. */
export const HEARTBEAT_MS = 20_000;
export const PRESENCE_FRESH_MS = 60_000;

export const seenSince = () => new Date(clock.nowMs() - PRESENCE_FRESH_MS);

export function isAgent(ctx: Ctx): boolean {
  return ctx.actor.kind === 'merchant' && ctx.tenantId !== null && can(ctx, 'serve', 'Conversation', { tenantId: ctx.tenantId });
}

export function isSupervisor(ctx: Ctx): boolean {
  return ctx.actor.kind === 'merchant' && ctx.tenantId !== null && can(ctx, 'supervise', 'Conversation', { tenantId: ctx.tenantId });
}

/** The acting agent's staff id; 403 for anybody else. */
export function agentId(ctx: Ctx): number {
  if (!isAgent(ctx) || ctx.actor.kind !== 'merchant') throw chatErrors.notAnAgent();
  return ctx.actor.id;
}

export function assertSupervisor(ctx: Ctx): void {
  if (!isSupervisor(ctx)) throw chatErrors.notSupervisor();
}

export async function ensureAgentRow(ctx: Ctx, staffId: number): Promise<AgentRow> {
  const { defaultCapacity } = await settingsOf(ctx, chatSettings);
  return repo.ensureAgent(ctx, staffId, defaultCapacity);
}

async function agentViewsOf(ctx: Ctx, rows: AgentRow[]): Promise<AgentView[]> {
  const [connected, names] = await Promise.all([repo.connectedStaff(ctx, seenSince()), staffNames(ctx, rows.map((r) => r.staffId))]);
  return rows.map((a) => {
    const on = connected.has(a.staffId);
    return { id: a.staffId, name: names.get(a.staffId) ?? '', status: a.status, connected: on, available: on && a.status === 'online' && a.active < a.capacity, capacity: a.capacity, active: a.active };
  });
}

export async function agentView(ctx: Ctx, staffId: number): Promise<AgentView> {
  return (await agentViewsOf(ctx, [await ensureAgentRow(ctx, staffId)]))[0]!;
}

export async function listAgents(ctx: Ctx): Promise<AgentView[]> {
  agentId(ctx);
  return agentViewsOf(ctx, await repo.agentRows(ctx));
}

/** Tells the supervisors how an agent stands now. */
export async function announceAgent(ctx: Ctx, staffId: number): Promise<void> {
  sayAgent(ctx, await agentView(ctx, staffId));
}

/** The agent's own status and capacity; answers whether they may now take more (the caller drains the queue). */
export async function changeAgent(ctx: Ctx, change: { status?: AgentRow['status']; capacity?: number }): Promise<{ agent: AgentView; roomMore: boolean }> {
  const me = agentId(ctx);
  const before = await ensureAgentRow(ctx, me);
  await repo.updateAgent(ctx, me, change);
  const agent = await agentView(ctx, me);
  sayAgent(ctx, agent);
  const roomMore = agent.status === 'online' && (before.status !== 'online' || agent.capacity > before.capacity);
  return { agent, roomMore };
}

// ---- presence ----

/** Each socket.io server (an API node) by a random id; a process may hold two in tests. */
const liveNodes = new Map<string, number>();
let heartbeat: NodeJS.Timeout | undefined;

function beat(): void {
  const now = clock.now();
  for (const nodeId of liveNodes.keys()) void repo.touchNode(presenceCtx, nodeId, now).catch(() => undefined);
}

// the heartbeat writes rows of every shop on its node; it acts as the system
const presenceCtx = systemContext('chat.presence');

export async function agentConnected(ctx: Ctx, nodeId: string, socketId: string): Promise<void> {
  const staffId = agentId(ctx);
  await ensureAgentRow(ctx, staffId);
  await repo.insertPresence(ctx, { staffId, nodeId, socketId, seenAt: clock.now() });
  liveNodes.set(nodeId, (liveNodes.get(nodeId) ?? 0) + 1);
  heartbeat ??= setInterval(beat, HEARTBEAT_MS).unref();
}

export async function agentDisconnected(ctx: Ctx, nodeId: string, socketId: string): Promise<void> {
  await repo.deletePresence(ctx, nodeId, socketId);
  const left = (liveNodes.get(nodeId) ?? 1) - 1;
  if (left > 0) liveNodes.set(nodeId, left);
  else liveNodes.delete(nodeId);
  if (!liveNodes.size && heartbeat) {
    clearInterval(heartbeat);
    heartbeat = undefined;
  }
}
