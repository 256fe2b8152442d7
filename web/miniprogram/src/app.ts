/**
 * The app: refreshes the shop's name and theme colour from `GET /shop/store` at launch and paints
 * the tab bar in the theme colour. Pages and components hold their own state; shared state lives in
 * src/lib (no getApp() globals).
 */
import { texts } from './lib/i18n.js';
import { refreshStore, themeColor } from './lib/store.js';

function paintTabBar(): void {
  const tabs = texts('common').common.tabs;
  wx.setTabBarStyle({ selectedColor: themeColor(), color: '#7d7e80', backgroundColor: '#ffffff', borderStyle: 'white' });
  [tabs.home, tabs.category, tabs.cart, tabs.me].forEach((text, index) => wx.setTabBarItem({ index, text }));
}

App({
  onLaunch() {
    refreshStore()
      .then(paintTabBar)
      .catch(() => undefined);
  },
});
