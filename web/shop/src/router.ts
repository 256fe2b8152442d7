import { createRouter, createWebHashHistory } from 'vue-router';
import Home from './views/Home.vue';

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', component: Home, meta: { tabbar: true } },
    { path: '/me', component: () => import('./views/Me.vue'), meta: { tabbar: true } },
    { path: '/login', component: () => import('./views/Login.vue') },
    { path: '/register', component: () => import('./views/Register.vue') },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
});
