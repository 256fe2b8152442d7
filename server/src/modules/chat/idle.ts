/**
 * A conversation with an agent and no message for the shop's idle time closes itself. A sweep finds
 * them by their own deadline (idle_at, moved on by each message) on each worker pass; closing is
 * the same conditional write an agent's close is, so a close racing it happens once. The sweep also
 * forgets the sockets of a node that died.
 */
import { clock, minutes } from '../../core/clock.js';
import { runInContext, systemContext } from '../../core/context.js';
import type { Sweep } from '../../core/jobs.js';
import { logger } from '../../core/logger.js';
import { closeConversation } from './conversations.js';
import * as repo from './repository.js';

const BATCH = 100;

async function closeOne(tenantId: number, id: number): Promise<void> {
  const ctx = systemContext('chat.close-idle', tenantId);
  try {
    await runInContext(ctx, async () => {
      const c = await repo.findConversation(ctx, id);
      if (c && c.status !== 'closed' && c.idleAt && c.idleAt <= clock.now()) await closeConversation(ctx, c, 'idle', null);
    });
  } catch (err) {
    logger().error({ err, tenantId, conversationId: id }, 'idle conversation not closed; tried again next pass');
  }
}

export const idleSweep: Sweep = {
  name: 'chat.close-idle',
  async run() {
    const ctx = systemContext('chat.close-idle');
    const now = clock.now();
    await repo.forgetStalePresence(ctx, new Date(now.getTime() - minutes(10)));
    const due = await repo.idlePastDeadline(ctx, now, BATCH);
    for (const { tenantId, id } of due) await closeOne(tenantId, id);
    return due.length;
  },
};
