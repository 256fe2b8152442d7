/**
 * The demo shops' mini-programs (modules/miniprogram), published as a merchant would through the
 * sandbox's WeChat: 授权 on its 模拟微信授权 page with the shop's own mini-program (the manifest's
 * appid), auto-release on, the template submitted; the sandbox's audit result arrives a few
 * seconds later and the release job publishes it, so the console shows a released version.
 */
import type { Caller } from './client.js';

/** Path and query under the API prefix of one of this installation's URLs. */
const apiPath = (url: string) => {
  const u = new URL(url);
  return `${u.pathname.replace(/^\/api\/v1/, '')}${u.search}`;
};

export async function seedMiniprogram(owner: Caller, platform: Caller, appid: string | undefined): Promise<void> {
  const { url } = (await owner.post('/admin/miniprogram/authorize')) as { url: string };
  const page = new URL(url);
  const confirm = new URLSearchParams({ pre_auth_code: page.searchParams.get('pre_auth_code') ?? '', redirect_uri: page.searchParams.get('redirect_uri') ?? '' });
  if (appid) confirm.set('appid', appid);
  else {
    // no app in the manifest: the page's own suggestion, as a merchant who just confirms
    const html = String(await platform.get(apiPath(url)));
    confirm.set('appid', /name="appid" value="(wx[0-9a-f]{16})"/.exec(html)?.[1] ?? '');
  }
  const callback = await platform.redirect(`/wechat/open/sandbox/authorize/confirm?${confirm}`);
  const back = await platform.redirect(apiPath(callback));
  if (!back.includes('authorized=1')) throw new Error(`demo seed: the mini-program authorization was refused (${back})`);
  await owner.put('/admin/miniprogram/settings', { autoRelease: true });
  await owner.post('/admin/miniprogram/submissions', { description: '首个版本：首页、分类、商品详情、购物车、下单与订单' });
}
