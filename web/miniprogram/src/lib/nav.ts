/** Opening pages: tab pages by switchTab (navigateTo refuses them), others by navigateTo. */
import { linkTarget, TAB_PAGES } from './links.js';
import { t } from './i18n.js';

export { pages, linkTarget } from './links.js';

export function open(url: string): void {
  const bare = url.split('?')[0]!;
  if (TAB_PAGES.includes(bare)) wx.switchTab({ url: bare });
  else wx.navigateTo({ url });
}

/** Follows a DIY block's link: a page opens, a web address is copied (no web-view without a business domain). */
export function follow(link: string | undefined | null): void {
  const target = linkTarget(link);
  if (target.kind === 'page') open(target.url);
  else if (target.kind === 'web') wx.setClipboardData({ data: target.url, success: () => wx.showToast({ title: t('common.linkCopied'), icon: 'none' }) });
}
