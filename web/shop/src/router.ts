import { createRouter, createWebHashHistory } from 'vue-router';
import { shopperToken } from './api';
import Home from './views/Home.vue';

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', component: Home, meta: { tabbar: true } },
    { path: '/products/:id(\\d+)', component: () => import('./views/Product.vue') },
    { path: '/search', component: () => import('./views/Search.vue') },
    { path: '/page/:id(\\d+)', component: () => import('./views/CustomPage.vue') },
    { path: '/products', component: () => import('./views/Listing.vue') },
    { path: '/categories/:id(\\d+)', component: () => import('./views/Listing.vue') },
    { path: '/cart', component: () => import('./views/Cart.vue'), meta: { tabbar: true } },
    { path: '/checkout', component: () => import('./views/Checkout.vue'), meta: { auth: true } },
    { path: '/orders', component: () => import('./views/Orders.vue'), meta: { auth: true } },
    { path: '/orders/:id(\\d+)', component: () => import('./views/OrderDetail.vue'), meta: { auth: true } },
    { path: '/aftersales', component: () => import('./views/AfterSales.vue'), meta: { auth: true } },
    { path: '/aftersales/:id(\\d+)', component: () => import('./views/AftersaleCase.vue'), meta: { auth: true } },
    { path: '/chat', component: () => import('./views/Chat.vue'), meta: { auth: true } },
    { path: '/me', component: () => import('./views/Me.vue'), meta: { tabbar: true } },
    { path: '/help', component: () => import('./views/content/HelpCentre.vue') },
    { path: '/content', component: () => import('./views/content/ContentList.vue') },
    { path: '/articles/:id(\\d+)', component: () => import('./views/content/ArticlePage.vue') },
    { path: '/addresses', component: () => import('./views/Addresses.vue'), meta: { auth: true } },
    { path: '/coupons', component: () => import('./views/marketing/coupons/CouponCentre.vue') },
    { path: '/coupons/:id(\\d+)', component: () => import('./views/marketing/coupons/CouponCentre.vue') },
    { path: '/me/coupons', component: () => import('./views/marketing/coupons/MyCoupons.vue'), meta: { auth: true } },
    { path: '/flash-sales/:id(\\d+)', component: () => import('./views/marketing/flash/FlashSale.vue') },
    { path: '/group-buys/:id(\\d+)', component: () => import('./views/marketing/groupbuy/GroupBuyPage.vue') },
    { path: '/groups/:groupId(\\d+)', component: () => import('./views/marketing/groupbuy/GroupPage.vue') },
    { path: '/me/points', component: () => import('./views/marketing/members/PointsPage.vue'), meta: { auth: true } },
    { path: '/points-mall', component: () => import('./views/marketing/members/PointsMall.vue') },
    { path: '/me/level', component: () => import('./views/marketing/members/LevelPage.vue'), meta: { auth: true } },
    { path: '/distribution', component: () => import('./views/distribution/DistributionCentre.vue'), meta: { auth: true } },
    { path: '/community', component: () => import('./views/community/CommunityHome.vue') },
    { path: '/community/activities/:id(\\d+)', component: () => import('./views/community/ActivityPage.vue') },
    { path: '/community/leader', component: () => import('./views/community/LeaderCentre.vue'), meta: { auth: true } },
    { path: '/login', component: () => import('./views/Login.vue') },
    { path: '/register', component: () => import('./views/Register.vue') },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

// Pages of a signed-in shopper send everyone else to sign in first, and back afterwards.
router.beforeEach((to) => {
  if (to.meta.auth && !shopperToken.get()) return { path: '/login', query: { redirect: to.fullPath } };
  return true;
});
