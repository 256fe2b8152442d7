/** The console's promotions: the shapes it reads (inferred from the server's schemas) and small helpers shared by the two sections. */
import type { Reply } from '../../../../../../shared/types';
import type { fullReductionView, limitedPriceView } from '../../../../../../../server/src/modules/promotions/schemas.js';
import { t } from '../../../../../../shared/i18n';
import { money } from '../../../../format';

export type FullReduction = Reply<typeof fullReductionView>;
export type LimitedPrice = Reply<typeof limitedPriceView>;
export type PromoStatus = FullReduction['status'];
export const STATUSES: PromoStatus[] = ['not_started', 'running', 'ended'];

export const statusType = (s: PromoStatus) => (s === 'running' ? 'success' : s === 'not_started' ? 'warning' : 'info');

export const figuresText = (f: FullReduction['figures']) => t('promos.figuresText', { orders: f.orders, gmv: money(f.gmv), discount: money(f.discount) });

/** 20 percent off is "8折" in Chinese, "20% off" in English. */
export const offText = (percentOff: number) => t('promos.offLabel', { zhe: String((100 - percentOff) / 10), percent: percentOff });
