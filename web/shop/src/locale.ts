/** Vant's own words (dialogs, pickers, lists' "loading") follow the storefront's language. */
import { Locale } from 'vant';
import enUS from 'vant/es/locale/lang/en-US';
import zhCN from 'vant/es/locale/lang/zh-CN';
import { watchEffect } from 'vue';
import { i18n } from './i18n';

export function followLocaleInVant(): void {
  watchEffect(() => {
    if (i18n.global.locale.value === 'en') Locale.use('en-US', enUS);
    else Locale.use('zh-CN', zhCN);
  });
}
