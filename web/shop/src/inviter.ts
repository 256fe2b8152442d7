/**
 * The inviter of a share link (`?inviter=CODE`, before or inside the hash): remembered on this
 * phone from the first link the shopper came through (first touch wins here as on the server), and
 * sent to `POST /shop/distribution/bind` once the shopper is signed in (at sign-up or the first
 * sign-in after the visit). The server decides; whatever it answers but a network failure, the
 * remembered code is done with.
 */
import type { Router } from 'vue-router';
import { api, ApiError, shopperToken } from './api';

const key = () => `s2b2c:${location.host}:inviter`;
const CODE = /^[A-Za-z0-9]{4,16}$/;

export const rememberedInviter = (): string | null => localStorage.getItem(key());

/** Keeps the code unless one is kept already. */
export function rememberInviter(code: unknown): void {
  if (typeof code !== 'string' || !CODE.test(code) || rememberedInviter()) return;
  localStorage.setItem(key(), code);
}

/** Binds the signed-in shopper to the remembered inviter, once. */
export async function bindInviter(): Promise<void> {
  const inviteCode = rememberedInviter();
  if (!inviteCode || !shopperToken.get()) return;
  try {
    await api.post('/shop/distribution/bind', { inviteCode });
  } catch (err) {
    if (!(err instanceof ApiError) || err.status >= 500) return; // try again on the next visit
  }
  localStorage.removeItem(key());
}

/** Reads the code from the address the shop was opened at and from every page it routes to. */
export function followInviter(router: Router): void {
  rememberInviter(new URLSearchParams(location.search).get('inviter'));
  router.afterEach((to) => rememberInviter(to.query.inviter));
  void bindInviter();
}
