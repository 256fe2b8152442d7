import Vant from 'vant';
import 'vant/lib/index.css';
import { createApp } from 'vue';
import App from './App.vue';
import { router } from './router';
import './style.css';

// All of Vant, registered once (its whole stylesheet is imported anyway).
createApp(App).use(router).use(Vant).mount('#app');
