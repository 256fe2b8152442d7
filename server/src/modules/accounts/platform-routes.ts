/** Platform staff and their roles (the operator console's Platform users page). */
import { routeGroup } from '../../core/http.js';
import { permissionCatalog } from '../../core/permissions.js';
import { roleBody, roleUpdateBody, staffCreateBody, staffListQuery, staffUpdateBody, adminPermissionsReply, deleteAdminRolesReply, platformRoleViewSchema, platformRolesReply, platformUserViewSchema } from './schemas.js';
import * as roles from './platform-roles.js';
import * as users from './platform-users.js';
import { pageSchema } from '../../core/db/index.js';

const route = routeGroup();
export const platformStaffRoutes = route.list;

const tags = ['platform staff'];

route({
  method: 'get', path: '/platform/permissions', tags, summary: 'The permissions platform roles are made of', tenant: false, auth: 'platform',
  permission: ['read', 'PlatformRole'],
  response: adminPermissionsReply,
  handler: async () => ({ items: permissionCatalog('platform').map(({ key, label }) => ({ key, label })) }),
});

route({
  method: 'get', path: '/platform/roles', tags, summary: 'Platform roles: the built-in ones and custom ones', tenant: false, auth: 'platform',
  permission: ['read', 'PlatformRole'],
  response: platformRolesReply,
  handler: async (ctx) => ({ items: await roles.listPlatformRoles(ctx) }),
});

route({
  method: 'post', path: '/platform/roles', tags, summary: 'Create a custom role from permissions one holds', tenant: false, auth: 'platform', status: 201,
  permission: ['manage', 'PlatformRole'], body: roleBody,
  response: platformRoleViewSchema,
  handler: (ctx, { body }) => roles.createPlatformRole(ctx, body),
  audit: { action: 'platform.role.create', target: (_i, r) => ({ type: 'platform_role', id: r.id }), details: ({ body }) => body },
});

route({
  method: 'put', path: '/platform/roles/:id', tags, summary: 'Rename a custom role or change its permissions', tenant: false, auth: 'platform',
  permission: ['manage', 'PlatformRole'], body: roleUpdateBody,
  response: platformRoleViewSchema,
  handler: (ctx, { params, body }) => roles.updatePlatformRole(ctx, params.id, body),
  audit: { action: 'platform.role.update', target: ({ params }) => ({ type: 'platform_role', id: params.id }), details: ({ body }) => body },
});

route({
  method: 'delete', path: '/platform/roles/:id', tags, summary: 'Delete a custom role nobody holds', tenant: false, auth: 'platform',
  permission: ['manage', 'PlatformRole'],
  response: deleteAdminRolesReply,
  handler: (ctx, { params }) => roles.deletePlatformRole(ctx, params.id),
  audit: { action: 'platform.role.delete', target: ({ params }) => ({ type: 'platform_role', id: params.id }) },
});

route({
  method: 'get', path: '/platform/users', tags, summary: 'Platform staff with their roles', tenant: false, auth: 'platform',
  permission: ['read', 'PlatformUser'], query: staffListQuery,
  response: pageSchema(platformUserViewSchema),
  handler: (ctx, { query }) => users.listPlatformUsers(ctx, query),
});

route({
  method: 'post', path: '/platform/users', tags, summary: 'Add a platform user with a role one could hold', tenant: false, auth: 'platform', status: 201,
  permission: ['manage', 'PlatformUser'], body: staffCreateBody,
  response: platformUserViewSchema,
  handler: (ctx, { body }) => users.createPlatformUser(ctx, body),
  audit: { action: 'platform.user.create', target: (_i, r) => ({ type: 'platform_user', id: r.id }), details: ({ body }) => ({ email: body.email, roleId: body.roleId }) },
});

route({
  method: 'patch', path: '/platform/users/:id', tags, summary: 'Rename a platform user, change their role, disable or enable them', tenant: false, auth: 'platform',
  permission: ['manage', 'PlatformUser'], body: staffUpdateBody,
  response: platformUserViewSchema,
  handler: (ctx, { params, body }) => users.updatePlatformUser(ctx, params.id, body),
  audit: { action: 'platform.user.update', target: ({ params }) => ({ type: 'platform_user', id: params.id }), details: ({ body }) => body },
});
