/**
 * A launch through a distributor's mini-program code (scene `...&i=<invite code>`): the shopper is
 * signed in (wx.login, silent) and bound to the inviter (`POST /shop/distribution/bind`; the first
 * binding wins on the server, so a shopper bound already simply stays). A wrong code, a shop
 * without distribution or a bound shopper never stops the page from opening.
 */
import { api } from './api.js';
import { ensureSignedIn } from './auth.js';
import { sceneInviteCode } from './links.js';

export async function followScene(scene: string | undefined): Promise<boolean> {
  const inviteCode = sceneInviteCode(scene);
  if (!inviteCode) return false;
  try {
    await ensureSignedIn();
    await api.post('/shop/distribution/bind', { inviteCode });
    return true;
  } catch {
    return false;
  }
}
