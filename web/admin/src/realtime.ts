/**
 * The console's live connection (web/shared/realtime.ts), signed with the token of whoever the
 * console is for: merchant staff hear `order:updated` (and `fulfillment:*` for the shop's own
 * goods), supplier staff `fulfillment:*`. Operators have no socket.
 */
import { createLive } from '../../shared/realtime';
import { auth, storedToken } from './api';

export type { FulfillmentUpdate, OrderUpdate } from '../../shared/realtime';

export const live = createLive({ token: () => (auth.kind === 'merchant' || auth.kind === 'supplier' ? storedToken(auth.kind) : null) });
