import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { DEMO_PLATFORM_STAFF, ensureDemoPlatformStaff } from '../../server/src/boot.js';
import { config } from '../../server/src/core/config.js';
import { db } from '../../server/src/core/db/index.js';
import { allowedKinds, routes } from '../../server/src/core/http.js';
import { permissionCatalog } from '../../server/src/core/permissions.js';
import { api } from '../support/http.js';
import { platformStaff, platformToken, supplier, uniq } from '../factories/index.js';

/** Routes every signed-in operator may call: about themselves. */
// the dashboard answers each operator the parts their permissions read (every part null for none)
const selfService = new Set(['get /platform/me', 'post /platform/auth/logout', 'get /platform/dashboard']);
const platformRoutes = () => routes().filter((r) => allowedKinds(r).length === 1 && allowedKinds(r)[0] === 'platform' && !selfService.has(`${r.method} ${r.path}`));

describe('platform staff and roles', () => {
  let admin: ReturnType<typeof api>;

  before(async () => {
    admin = api({ token: await platformToken() });
  });

  it('seeds demo operators with narrower roles, once, who sign in to their own part of the platform', async () => {
    await ensureDemoPlatformStaff();
    await ensureDemoPlatformStaff();
    for (const staff of DEMO_PLATFORM_STAFF) {
      const login = await api().post('/platform/auth/login').send({ email: staff.email, password: staff.password });
      expect(login.status, JSON.stringify(login.body)).to.equal(200);
      expect((await api({ token: login.body.token }).get('/platform/me')).body).to.deep.include({ role: staff.roleCode, isAdministrator: false });
    }
    const reviewer = (await api().post('/platform/auth/login').send({ email: DEMO_PLATFORM_STAFF[0].email, password: DEMO_PLATFORM_STAFF[0].password })).body.token;
    expect((await api({ token: reviewer }).get('/platform/suppliers')).status).to.equal(200);
    expect((await api({ token: reviewer }).get('/platform/withdrawals')).status).to.equal(403);
  });

  it('makes the first operator an administrator', async () => {
    const me = await admin.get('/platform/me');
    expect(me.body).to.deep.include({ email: config().platformAdmin.email, role: 'administrator', isAdministrator: true, permissions: ['*'] });
    const roles = await admin.get('/platform/roles');
    expect(roles.body.items.map((r: { code: string }) => r.code)).to.include.members(['administrator', 'operator', 'reviewer', 'finance']);
  });

  it('names a platform permission on every platform route, one that some permission of the catalogue grants', () => {
    const grants = new Set(permissionCatalog('platform').flatMap((p) => p.grants.map(([action, subject]) => `${action} ${subject}`)));
    const problems = platformRoutes().flatMap((r) => {
      if (!r.permission) return [`${r.method.toUpperCase()} ${r.path}: no permission`];
      return grants.has(r.permission.join(' ')) ? [] : [`${r.method.toUpperCase()} ${r.path}: ${r.permission.join(' ')} is granted by no platform permission`];
    });
    expect(problems, problems.join('\n')).to.deep.equal([]);
    expect(platformRoutes().length).to.be.greaterThan(25);
  });

  it('answers 403 on every platform route to an operator whose role holds nothing', async function () {
    this.timeout(60_000);
    const empty = await admin.post('/platform/roles').send({ name: uniq('无权限 '), permissions: [] });
    expect(empty.status, JSON.stringify(empty.body)).to.equal(201);
    const nobody = api({ token: (await platformStaff(empty.body.id)).token });
    const failures: string[] = [];
    for (const r of platformRoutes()) {
      const res = await nobody[r.method](r.path.replace(/:\w+/g, '1')).send((r.example as object | undefined) ?? {});
      if (res.status !== 403) failures.push(`${r.method.toUpperCase()} ${r.path} -> ${res.status}`);
    }
    expect(failures, failures.join('\n')).to.deep.equal([]);
    expect((await nobody.get('/platform/me')).status).to.equal(200);
  });

  it('gives the reviewer, finance and operator roles their own part of the platform', async () => {
    const applicant = await supplier({ approved: false });
    const reviewer = api({ token: (await platformStaff('reviewer')).token });
    const finance = api({ token: (await platformStaff('finance')).token });
    const operator = api({ token: (await platformStaff('operator')).token });
    const statuses = async (caller: ReturnType<typeof api>) => ({
      suppliers: (await caller.get('/platform/suppliers')).status,
      withdrawals: (await caller.get('/platform/withdrawals')).status,
      reconciliation: (await caller.get('/platform/finance/reconciliation')).status,
      tenants: (await caller.get('/platform/tenants')).status,
      users: (await caller.get('/platform/users')).status,
      approveSupplier: (await caller.post(`/platform/suppliers/${applicant.id}/reject`).send({ reason: '资料不全 incomplete' })).status,
    });
    expect(await statuses(finance)).to.deep.equal({ suppliers: 200, withdrawals: 200, reconciliation: 200, tenants: 200, users: 403, approveSupplier: 403 });
    expect(await statuses(operator)).to.deep.equal({ suppliers: 200, withdrawals: 403, reconciliation: 403, tenants: 200, users: 403, approveSupplier: 403 });
    expect(await statuses(reviewer)).to.deep.equal({ suppliers: 200, withdrawals: 403, reconciliation: 403, tenants: 403, users: 403, approveSupplier: 200 });
  });

  it('lets an accounts manager give only roles within their own permissions, never their own, never the administrator', async () => {
    const managerRole = await admin.post('/platform/roles').send({ name: uniq('账号管理 '), permissions: ['accounts.manage', 'suppliers.read'] });
    const manager = await platformStaff(managerRole.body.id);
    const as = api({ token: manager.token });
    const roles = (await as.get('/platform/roles')).body.items as Array<{ id: number; code: string | null }>;
    const byCode = (code: string) => roles.find((r) => r.code === code)!.id;
    const newUser = (roleId: number) => as.post('/platform/users').send({ email: `${uniq('u')}@platform.test`, name: '新同事', roleId, password: 'Operator#2026' });

    const finance = await newUser(byCode('finance'));
    expect(finance.status).to.equal(403);
    expect(finance.body.error.code).to.equal('cannot_grant');
    expect(finance.body.error.details[0].field).to.equal('roleId');
    expect(finance.body.error.details[0].permissions).to.include('finance.review');
    expect((await newUser(byCode('administrator'))).body.error.code).to.equal('cannot_grant');
    const beyond = await as.post('/platform/roles').send({ name: uniq('r'), permissions: ['suppliers.read', 'finance.review'] });
    expect(beyond.status).to.equal(403);
    expect(beyond.body.error.details[0].permissions).to.deep.equal(['finance.review']);

    const readers = await as.post('/platform/roles').send({ name: uniq('只读 '), permissions: ['suppliers.read'] });
    expect(readers.status).to.equal(201);
    const colleague = await newUser(readers.body.id);
    expect(colleague.status).to.equal(201);
    expect(colleague.body.role).to.deep.include({ id: readers.body.id });

    const own = await as.patch(`/platform/users/${manager.id}`).send({ roleId: readers.body.id });
    expect(own.status).to.equal(403);
    expect(own.body.error.code).to.equal('cannot_change_own_role');
    const me = (await admin.get('/platform/me')).body;
    const demote = await as.patch(`/platform/users/${me.id}`).send({ status: 'disabled' });
    expect(demote.status).to.equal(403);
    const builtin = await admin.put(`/platform/roles/${byCode('finance')}`).send({ permissions: [] });
    expect(builtin.status).to.equal(409);
    expect(builtin.body.error.code).to.equal('role_builtin');
  });

  it('signs a disabled platform user out and applies a role change to the next request', async () => {
    const user = await platformStaff('finance');
    const as = api({ token: user.token });
    expect((await as.get('/platform/withdrawals')).status).to.equal(200);
    const reviewerId = (await admin.get('/platform/roles')).body.items.find((r: { code: string }) => r.code === 'reviewer').id;
    expect((await admin.patch(`/platform/users/${user.id}`).send({ roleId: reviewerId })).status).to.equal(200);
    expect((await as.get('/platform/withdrawals')).status).to.equal(403);
    expect((await admin.patch(`/platform/users/${user.id}`).send({ status: 'disabled' })).body.status).to.equal('disabled');
    expect((await as.get('/platform/me')).status).to.equal(401);
  });

  it('keeps at least one active administrator', async () => {
    const me = (await admin.get('/platform/me')).body;
    const second = await platformStaff('administrator');
    const others = (await admin.get('/platform/users?pageSize=100&status=active')).body.items.filter((u: { id: number; role: { code: string } | null }) => u.role?.code === 'administrator' && u.id !== me.id);
    for (const u of others) expect((await admin.patch(`/platform/users/${u.id}`).send({ status: 'disabled' })).status).to.equal(200);
    const alone = await admin.patch(`/platform/users/${me.id}`).send({ status: 'disabled' });
    expect(alone.status).to.equal(409);
    expect(alone.body.error.code).to.equal('last_administrator');
    expect(others.map((u: { id: number }) => u.id)).to.include(second.id);
  });

  it('makes every platform user who existed before roles an administrator', async () => {
    // this one migration down and up again: the whole chain down would drop every later table,
    // and what the other tests left in them, from the shared test database
    const roles = await import('../../migrations/20261205200000-platform-roles.js');
    await roles.down({ context: db().getQueryInterface() });
    const email = `${uniq('old')}@platform.test`;
    const now = new Date();
    await db().query('INSERT INTO platform_users (email, name, password_hash, role, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)', {
      replacements: [email, 'Old operator', 'x', 'operator', 'active', now, now],
      type: QueryTypes.INSERT,
    });
    await roles.up({ context: db().getQueryInterface() });
    const users = (await admin.get('/platform/users?pageSize=100')).body.items as Array<{ email: string; role: { code: string } }>;
    expect(users.find((u) => u.email === email)?.role.code).to.equal('administrator');
  });
});
