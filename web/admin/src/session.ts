/**
 * Where the console runs and who is signed in. On a tenant host (`<slug>.<domain>` or a custom
 * domain) it is that shop's merchant console; on the platform host it serves operators and suppliers.
 * The host is told apart by asking the API for the shop of this host.
 */
import { reactive } from 'vue';
import { api, auth, isApiError, prefix, saveToken, storedToken, type Kind } from './api';
import { live } from './realtime';
import type { PlatformUser, StaffMe, StoreInfo, SupplierMe } from './types';

export interface Site {
  mode: 'platform' | 'tenant';
  /** The shop of this host (tenant mode). */
  store: StoreInfo | null;
  /** The shop exists but the platform suspended it. */
  suspended: boolean;
}

export type Me =
  | { kind: 'platform'; user: PlatformUser }
  | { kind: 'supplier'; user: SupplierMe }
  | { kind: 'merchant'; user: StaffMe };

export const session = reactive({
  site: { mode: 'platform', store: null, suspended: false } as Site,
  me: null as Me | null,
});

export async function detectSite(): Promise<Site> {
  try {
    const store = await api.get<StoreInfo>('/shop/store');
    return { mode: 'tenant', store, suspended: false };
  } catch (err) {
    if (isApiError(err, 'tenant_suspended')) return { mode: 'tenant', store: null, suspended: true };
    return { mode: 'platform', store: null, suspended: false };
  }
}

/** The kinds that can sign in here, in the order a stored token is tried. */
export const kindsHere = (): Kind[] => (session.site.mode === 'tenant' ? ['merchant'] : ['platform', 'supplier']);

async function fetchMe(kind: Kind): Promise<Me> {
  const path = `/${prefix(kind)}/me`;
  if (kind === 'platform') return { kind, user: await api.get<PlatformUser>(path) };
  if (kind === 'supplier') return { kind, user: await api.get<SupplierMe>(path) };
  return { kind, user: await api.get<StaffMe>(path) };
}

export async function reloadMe(): Promise<void> {
  if (auth.kind) session.me = await fetchMe(auth.kind);
}

/** Keeps a fresh token and loads who it belongs to; signing in as one kind signs out the others here. */
export async function signIn(kind: Kind, token: string): Promise<void> {
  for (const k of kindsHere()) if (k !== kind) saveToken(k, null);
  saveToken(kind, token);
  auth.kind = kind;
  live.close(); // what listens connects again with this token
  await reloadMe();
}

/** Signs in again from a stored token, if one is still good. */
export async function restore(): Promise<boolean> {
  if (session.me) return true;
  for (const kind of kindsHere()) {
    if (!storedToken(kind)) continue;
    auth.kind = kind;
    try {
      session.me = await fetchMe(kind);
      return true;
    } catch {
      saveToken(kind, null);
      auth.kind = null;
    }
  }
  return false;
}

/** Forgets the session locally (after a 401, or after signing out). */
export function forget(): void {
  if (auth.kind) saveToken(auth.kind, null);
  auth.kind = null;
  session.me = null;
  live.close();
}

export async function signOut(): Promise<void> {
  const kind = auth.kind;
  session.me = null; // first, so a 401 from the sign-out itself is not reported as an ended session
  if (kind) await api.post(`/${prefix(kind)}/auth/logout`).catch(() => undefined);
  forget();
}

/**
 * Permission check for merchant staff (the owner holds '*') and platform staff (an administrator
 * holds '*'), each against their own catalogue; suppliers have no role permissions.
 */
export function can(permission: string): boolean {
  const me = session.me;
  if (me?.kind !== 'merchant' && me?.kind !== 'platform') return false;
  return me.user.permissions.includes('*') || me.user.permissions.includes(permission);
}

/** Every permission of a role (a role to give, a colleague to change) is held by the signed-in user. */
export const canAll = (permissions: readonly string[]): boolean => permissions.every(can);

export const platformMe = (): PlatformUser | null => (session.me?.kind === 'platform' ? session.me.user : null);

export const staffMe = (): StaffMe | null => (session.me?.kind === 'merchant' ? session.me.user : null);
