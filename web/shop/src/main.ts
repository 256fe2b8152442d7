import Vant from 'vant';
import 'vant/lib/index.css';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n';
import { followLocaleInVant } from './locale';
import { router } from './router';
import './style.css';
import { countVisit } from './visit';

// All of Vant, registered once (its whole stylesheet is imported anyway).
followLocaleInVant();
createApp(App).use(i18n).use(router).use(Vant).mount('#app');
countVisit();
