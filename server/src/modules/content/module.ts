import { contribute } from '../../core/hooks.js';
import { defineModule } from '../../core/module.js';
import { autoReplyHook } from '../chat/index.js';
import { matchFaq } from './faq-match.js';
import { initModels } from './model.js';
import { contentPermissions, contentPlatformPermissions } from './policy.js';
import { contentRoutes } from './routes.js';

/** A shop's articles, videos and FAQ with categories, and the platform's help (see CONTEXT.md). */
export const contentModule = defineModule({
  name: 'content',
  dependsOn: ['catalog', 'chat'],
  models: [initModels],
  permissions: contentPermissions,
  platformPermissions: contentPlatformPermissions,
  routes: contentRoutes,
  // a shopper's question the shop's FAQ answers is answered at once, before an agent picks it up
  hooks: [
    contribute(autoReplyHook, 'content.faq', async (found, ctx, text) => {
      if (found) return found;
      const faq = await matchFaq(ctx, text);
      return faq ? { text: faq.answer, source: { kind: 'faq' as const, id: faq.id } } : null;
    }),
  ],
});
