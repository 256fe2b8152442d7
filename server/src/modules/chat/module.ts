import { defineModule } from '../../core/module.js';
import { idleSweep } from './idle.js';
import { initModels } from './model.js';
import { agentsFeed, deskFeed } from './notify.js';
import { chatPermissions } from './policy.js';
import { chatRoutes } from './routes.js';
import { chatSettings } from './settings.js';
import { chatSockets } from './sockets.js';

export const chatModule = defineModule({
  name: 'chat',
  dependsOn: ['accounts', 'customers', 'market', 'uploads', 'orders'],
  models: [initModels],
  permissions: chatPermissions,
  routes: chatRoutes,
  sweeps: [idleSweep],
  settings: chatSettings,
  sockets: [chatSockets],
  feeds: [deskFeed, agentsFeed],
});
