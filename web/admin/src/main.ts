// Element Plus's components come with their templates (unplugin-vue-components); the messages and
// boxes opened from scripts bring no stylesheet of their own
import 'element-plus/theme-chalk/base.css';
import 'element-plus/theme-chalk/el-message.css';
import 'element-plus/theme-chalk/el-message-box.css';
import 'element-plus/theme-chalk/el-overlay.css';
import 'element-plus/theme-chalk/el-loading.css';
import 'element-plus/theme-chalk/el-notification.css';
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
  createApp(App).use(i18n).use(createConsoleRouter(site)).mount('#app');
});
