/** Hash routes (email links point at `/admin/#/accept-invitation?token=` and `/admin/#/reset-password?token=`). */
import { ElMessage } from 'element-plus';
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import { t } from '../../shared/i18n';
import { onUnauthorized } from './api';
import ConsoleLayout from './components/ConsoleLayout.vue';
import { sections, visible, visibleSections, type Section } from './sections';
import { forget, restore, session, type Site } from './session';

const view = {
  platformSignIn: () => import('./views/auth/PlatformSignIn.vue'),
  shopSignIn: () => import('./views/auth/ShopSignIn.vue'),
  supplierApply: () => import('./views/auth/SupplierApply.vue'),
  merchantSignup: () => import('./views/auth/MerchantSignup.vue'),
  forgotPassword: () => import('./views/auth/ForgotPassword.vue'),
  resetPassword: () => import('./views/auth/ResetPassword.vue'),
  acceptInvitation: () => import('./views/auth/AcceptInvitation.vue'),
  welcome: () => import('./views/auth/Welcome.vue'),
};

export function createConsoleRouter(site: Site) {
  const open: RouteRecordRaw[] =
    site.mode === 'tenant'
      ? [
          { path: '/login', name: 'login', component: view.shopSignIn },
          { path: '/accept-invitation', component: view.acceptInvitation },
          { path: '/welcome', component: view.welcome },
        ]
      : [
          { path: '/login', name: 'login', component: view.platformSignIn },
          { path: '/apply', component: view.supplierApply },
          { path: '/signup', component: view.merchantSignup },
        ];
  open.push({ path: '/forgot-password', component: view.forgotPassword }, { path: '/reset-password', component: view.resetPassword });

  const router = createRouter({
    history: createWebHashHistory(),
    routes: [
      ...open.map((r) => ({ ...r, meta: { public: true } }) as RouteRecordRaw),
      {
        path: '/',
        component: ConsoleLayout,
        children: [
          { path: '', name: 'home', component: { render: () => null } },
          ...sections.map((s) => ({ path: s.path.slice(1), component: s.view, props: s.props ?? {}, meta: { section: s } })),
        ],
      },
      { path: '/:rest(.*)*', redirect: '/' },
    ],
  });

  router.beforeEach(async (to) => {
    if (to.meta.public) return true;
    if (!(await restore())) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
    const section = to.meta.section as Section | undefined;
    if (to.name === 'home' || (section && !visible(section))) {
      const first = visibleSections()[0];
      return first && first.path !== to.path ? first.path : true;
    }
    return true;
  });

  onUnauthorized(() => {
    if (!session.me) return; // a stored token that no longer works: restore() just drops it
    forget();
    ElMessage.warning(t('common.signedOut'));
    const current = router.currentRoute.value;
    if (!current.meta.public) void router.push({ name: 'login', query: { redirect: current.fullPath } });
  });

  return router;
}
