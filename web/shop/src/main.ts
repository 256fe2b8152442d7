// Vant's components come with their templates (unplugin-vue-components); the toasts and dialogs
// called from scripts bring no stylesheet of their own
import 'vant/es/toast/style/index';
import 'vant/es/dialog/style/index';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n';
import { followInviter } from './inviter';
import { followLocaleInVant } from './locale';
import { router } from './router';
import './style.css';
import { countVisit } from './visit';

followLocaleInVant();
createApp(App).use(i18n).use(router).mount('#app');
followInviter(router);

// The service worker (public/sw.js): the app shell and images from the phone's cache on the next visit
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined));
}

countVisit();
