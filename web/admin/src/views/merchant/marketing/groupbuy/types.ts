/** The group-buy shapes the console reads, inferred from the server's reply schemas. */
import type { Reply } from '../../../../../../shared/types';
import type { activityView, adminGroupView } from '../../../../../../../server/src/modules/groupbuy/schemas.js';

export type GroupBuy = Reply<typeof activityView>;
export type GroupBuyGroup = Reply<typeof adminGroupView>;
