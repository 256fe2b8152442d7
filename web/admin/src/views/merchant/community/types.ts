import type { Reply } from '../../../../../shared/types';
import type { activityView, batchView, leaderView, pickListReply } from '../../../../../../server/src/modules/community/schemas.js';

export type Leader = Reply<typeof leaderView>;
export type Activity = Reply<typeof activityView>;
export type PickList = Reply<typeof pickListReply>;
export type Batch = Reply<typeof batchView>;
