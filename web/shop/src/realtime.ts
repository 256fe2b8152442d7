/**
 * The storefront's live connection (web/shared/realtime.ts), signed with the shopper's token: the
 * server sends `order:updated {id, orderNo, status}` on every status change of the shopper's orders.
 */
import { createLive } from '../../shared/realtime';
import { shopperToken } from './api';

export type { OrderUpdate } from '../../shared/realtime';

export const live = createLive({ token: shopperToken.get });
