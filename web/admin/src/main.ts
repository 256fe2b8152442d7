import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import { createApp } from 'vue';
import App from './App.vue';
import { t } from '../../shared/i18n';
import { i18n } from './i18n';
import { createConsoleRouter } from './router';
import { detectSite, session } from './session';
import './style.css';

void detectSite().then((site) => {
  session.site = site;
  document.title = site.mode === 'tenant' ? `${site.store?.name ?? t('common.shop')} · ${t('common.consoleTitle')}` : t('common.platformTitle');
  createApp(App).use(i18n).use(ElementPlus).use(createConsoleRouter(site)).mount('#app');
});
