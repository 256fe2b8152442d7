/** The shop this page is served for, and whether a shopper is signed in. */
import { reactive } from 'vue';
import { api, isApiError, onUnauthorized, shopperToken, type StoreInfo } from './api';
import { loadCart, mergeLocalCart } from './cart';
import { bindInviter } from './inviter';
import { live } from './realtime';

export const state = reactive({
  loading: true,
  store: null as StoreInfo | null,
  /** Why the shop cannot be shown, when it cannot. */
  closed: null as null | 'suspended' | 'not_found' | 'error',
  closedMessage: '',
  signedIn: !!shopperToken.get(),
});

export async function loadStore(): Promise<void> {
  state.loading = true;
  try {
    state.store = await api.get<StoreInfo>('/shop/store');
    state.closed = null;
    document.title = state.store.name;
    void loadCart().catch(() => undefined);
  } catch (err) {
    // an expired plan closes the shop as a suspension does; the shopper is told the same
    state.closed = isApiError(err, 'tenant_suspended') || isApiError(err, 'plan_expired') ? 'suspended' : isApiError(err, 'tenant_not_found') ? 'not_found' : 'error';
    state.closedMessage = err instanceof Error ? err.message : String(err);
  } finally {
    state.loading = false;
  }
}

/** Keeps the token and moves a cart kept before sign-in into the shopper's cart. */
export async function signedIn(token: string): Promise<void> {
  shopperToken.set(token);
  live.close(); // what listens connects again as this shopper
  state.signedIn = true;
  void bindInviter();
  await mergeLocalCart();
}

export function signedOut(): void {
  shopperToken.set(null);
  live.close();
  state.signedIn = false;
  void loadCart().catch(() => undefined);
}

onUnauthorized(signedOut);
