/**
 * A shop's mini-program authorized through the sandbox's WeChat, as the merchant's browser goes:
 * the console's authorize link, the sandbox's 模拟微信授权 page, its confirm button, our callback.
 */
import { expect } from 'chai';
import { api, shopApi } from './http.js';
import type { TestMerchant } from '../factories/index.js';

/** Path and query of an absolute URL of this installation, for supertest. */
export const localPath = (url: string) => {
  const u = new URL(url);
  return `${u.pathname.replace(/^\/api\/v1/, '')}${u.search}`;
};

export async function sandboxAuthorize(m: TestMerchant, appid?: string): Promise<{ appid: string; location: string }> {
  const start = await shopApi(m.slug, m.token).post('/admin/miniprogram/authorize');
  expect(start.status, JSON.stringify(start.body)).to.equal(200);
  const page = await api().get(localPath(start.body.url));
  expect(page.status, page.text).to.equal(200);
  expect(page.text).to.contain('模拟微信授权');
  const form = /<form method="get" action="([^"]+)">[\s\S]*?name="pre_auth_code" value="([^"]+)"[\s\S]*?name="redirect_uri" value="([^"]+)"[\s\S]*?name="appid" value="([^"]*)"/.exec(page.text);
  expect(form, 'the page has its confirm form').to.not.equal(null);
  const unescape = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
  const chosen = appid ?? unescape(form![4]!);
  const query = new URLSearchParams({ pre_auth_code: unescape(form![2]!), redirect_uri: unescape(form![3]!), appid: chosen });
  const confirm = await api().get(`${localPath(unescape(form![1]!))}?${query}`);
  expect(confirm.status, confirm.text).to.equal(302);
  const callback = await api().get(localPath(confirm.headers.location!));
  expect(callback.status, JSON.stringify(callback.body)).to.equal(302);
  return { appid: chosen, location: callback.headers.location! };
}
