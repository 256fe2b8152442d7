/** The service desk's shared things: canned replies, summary tags, and the supervisors' live figures. */
import { UniqueConstraintError } from 'sequelize';
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { settingsOf } from '../../core/settings.js';
import { agentId, assertSupervisor, listAgents } from './agents.js';
import { chatErrors } from './errors.js';
import * as repo from './repository.js';
import { chatSettings, startOfShopDay } from './settings.js';

async function unique<T>(write: () => Promise<T>, taken: () => Error): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof UniqueConstraintError) throw taken();
    throw err;
  }
}

export function cannedReplies(ctx: Ctx, q?: string) {
  agentId(ctx);
  return repo.cannedReplies(ctx, q);
}

export function addCannedReply(ctx: Ctx, input: { shortcut: string; text: string }) {
  assertSupervisor(ctx);
  return unique(() => repo.insertCannedReply(ctx, input), chatErrors.shortcutTaken);
}

export async function changeCannedReply(ctx: Ctx, id: number, change: { shortcut?: string; text?: string }) {
  assertSupervisor(ctx);
  if (!(await repo.findCannedReply(ctx, id))) throw chatErrors.cannedReplyNotFound();
  await unique(() => repo.updateCannedReply(ctx, id, change), chatErrors.shortcutTaken);
  return (await repo.findCannedReply(ctx, id))!;
}

export async function removeCannedReply(ctx: Ctx, id: number): Promise<void> {
  assertSupervisor(ctx);
  if (!(await repo.deleteCannedReply(ctx, id))) throw chatErrors.cannedReplyNotFound();
}

export function summaryTags(ctx: Ctx) {
  agentId(ctx);
  return repo.tags(ctx);
}

export function addTag(ctx: Ctx, name: string) {
  assertSupervisor(ctx);
  return unique(() => repo.insertTag(ctx, name), chatErrors.tagTaken);
}

export async function removeTag(ctx: Ctx, id: number): Promise<void> {
  assertSupervisor(ctx);
  if (!(await repo.deleteTag(ctx, id))) throw chatErrors.tagNotFound();
}

/** Who is online and their load, the queue, and today's figures in the shop's time zone. */
export async function overview(ctx: Ctx) {
  assertSupervisor(ctx);
  const settings = await settingsOf(ctx, chatSettings);
  const [agents, queueLength, today] = await Promise.all([listAgents(ctx), repo.queueLength(ctx), repo.figuresSince(ctx, startOfShopDay(settings, clock.now()))]);
  return { agents, queueLength, today };
}
