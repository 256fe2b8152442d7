/** The membership replies as the console reads them (inferred from the server's schemas). */
import type { Reply } from '../../../../../../shared/types';
import type { listingViewSchema } from '../../../../../../../server/src/modules/market/schemas.js';
import type { mallItemView, memberBrief, memberDetailReply, settingsView } from '../../../../../../../server/src/modules/membership/schemas.js';

export type MembershipSettings = Reply<typeof settingsView>;
export type Level = MembershipSettings['levels'][number];
export type MemberBrief = Reply<typeof memberBrief>;
export type MemberDetail = Reply<typeof memberDetailReply>;
export type MallItem = Reply<typeof mallItemView>;
export type Listing = Reply<typeof listingViewSchema>;
