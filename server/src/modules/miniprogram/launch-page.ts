/**
 * WeChat opens its authorization page only when the merchant clicks through to it from a page on
 * the component's 授权发起页域名 (it checks the Referer), and the console lives on each shop's own
 * host. So the console opens this page on the platform host, which shows what is about to happen
 * and the button to WeChat's page.
 */
import { esc, shell } from './page-shell.js';
import { readState } from './state.js';

export function launchPage(wechatUrl: string, state: string): { status: number; html: string } {
  if (readState(state) === null) {
    return { status: 400, html: shell('授权小程序', '<h1>授权链接已过期</h1><p class="err">请回到商家后台的「小程序」页重新发起授权。</p>') };
  }
  return {
    status: 200,
    html: shell(
      '授权小程序',
      `<h1>授权你的微信小程序</h1>
<p>点击下方按钮前往微信授权页，用小程序管理员的微信扫码确认。授权后，平台将代你上传代码、提交审核与发布。</p>
<a class="button" href="${esc(wechatUrl)}" referrerpolicy="unsafe-url">前往微信授权</a>
<p class="muted">授权完成后会自动回到商家后台。</p>`,
    ),
  };
}
