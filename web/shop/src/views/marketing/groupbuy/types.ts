/** The group-buy shapes the storefront reads, inferred from the server's reply schemas. */
import type { Reply } from '../../../../../shared/types';
import type { buyReply, groupView, shopActivityView } from '../../../../../../server/src/modules/groupbuy/schemas.js';

export type GroupBuyPage = Reply<typeof shopActivityView>;
export type Group = Reply<typeof groupView>;
export type BuyReply = Reply<typeof buyReply>;
