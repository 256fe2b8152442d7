/** The shop this page is served for, and whether a shopper is signed in. */
import { reactive } from 'vue';
import { api, isApiError, onUnauthorized, shopperToken, type Store } from './api';

export const state = reactive({
  loading: true,
  store: null as Store | null,
  /** Why the shop cannot be shown, when it cannot. */
  closed: null as null | 'suspended' | 'not_found' | 'error',
  closedMessage: '',
  signedIn: !!shopperToken.get(),
});

export async function loadStore(): Promise<void> {
  state.loading = true;
  try {
    state.store = await api.get<Store>('/shop/store');
    state.closed = null;
    document.title = state.store.name;
  } catch (err) {
    state.closed = isApiError(err, 'tenant_suspended') ? 'suspended' : isApiError(err, 'tenant_not_found') ? 'not_found' : 'error';
    state.closedMessage = err instanceof Error ? err.message : String(err);
  } finally {
    state.loading = false;
  }
}

export function signedIn(token: string): void {
  shopperToken.set(token);
  state.signedIn = true;
}

export function signedOut(): void {
  shopperToken.set(null);
  state.signedIn = false;
}

onUnauthorized(signedOut);
