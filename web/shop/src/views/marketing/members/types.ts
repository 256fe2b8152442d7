/** The membership replies as the storefront reads them (inferred from the server's schemas). */
import type { Reply } from '../../../../../shared/types';
import type { checkinReply, levelReply, mallItemView, pointsReply } from '../../../../../../server/src/modules/membership/schemas.js';

export type LevelInfo = Reply<typeof levelReply>;
export type PointsPage = Reply<typeof pointsReply>;
export type PointEntry = PointsPage['items'][number];
export type Checkin = Reply<typeof checkinReply>;
export type MallItem = Reply<typeof mallItemView>;

/** A percent off as China counts it: 10% off is 9 折. */
export const zhe = (discountPercent: number): string => String((100 - discountPercent) / 10);
