import { expect } from 'chai';
import { config } from '../../server/src/core/config.js';
import { api, shopApi } from '../support/http.js';
import { linkToken, merchant, platformToken, sandboxMessages, staffWith, uniq, type TestMerchant } from '../factories/index.js';

describe('staff accounts', () => {
  let m: TestMerchant;

  before(async () => {
    m = await merchant();
  });

  it('signs staff in to their own shop only', async () => {
    const ok = await shopApi(m.slug).post('/admin/auth/login').send({ email: m.email.toUpperCase(), password: m.password });
    expect(ok.status).to.equal(200);
    const other = await merchant();
    const elsewhere = await shopApi(other.slug).post('/admin/auth/login').send({ email: m.email, password: m.password });
    expect(elsewhere.status).to.equal(401);
    expect(elsewhere.body.error.code).to.equal('invalid_credentials');
    const foreign = await shopApi(other.slug, ok.body.token).get('/admin/me');
    expect(foreign.status).to.equal(401);
  });

  it('locks an account after repeated wrong passwords, even for the right one', async () => {
    const victim = await merchant();
    const max = config().login.maxFailures;
    for (let i = 0; i < max; i++) {
      const res = await shopApi(victim.slug).post('/admin/auth/login').send({ email: victim.email, password: 'wrong-pass1' });
      expect(res.status).to.equal(401);
    }
    const locked = await shopApi(victim.slug).post('/admin/auth/login').send({ email: victim.email, password: victim.password });
    expect(locked.status).to.equal(429);
    expect(locked.body.error.code).to.equal('account_locked');
    expect(Number(locked.headers['retry-after'])).to.be.greaterThan(0);
  });

  it('gives staff exactly the permissions of their role', async () => {
    const agent = await staffWith(m, ['customers.read']);
    const me = await shopApi(m.slug, agent.token).get('/admin/me');
    expect(me.body.permissions).to.deep.equal(['customers.read']);
    expect((await shopApi(m.slug, agent.token).get('/admin/customers')).status).to.equal(200);
    const staffList = await shopApi(m.slug, agent.token).get('/admin/staff');
    expect(staffList.status).to.equal(403);
    expect(staffList.body.error.code).to.equal('forbidden');
    expect((await shopApi(m.slug, agent.token).put('/admin/store/branding').send({ name: 'hijack' })).status).to.equal(403);
    expect((await shopApi(m.slug, agent.token).get('/admin/audit-log')).status).to.equal(403);
  });

  it('lets only the owner edit roles, and applies a role change at once', async () => {
    const admin = await staffWith(m, ['staff.manage', 'store.read']);
    const newRole = await shopApi(m.slug, admin.token).post('/admin/roles').send({ name: uniq('r'), permissions: [] });
    expect(newRole.status).to.equal(403);
    const edited = await shopApi(m.slug, m.token).put(`/admin/roles/${admin.roleId}`).send({ permissions: ['staff.manage', 'store.read', 'store.manage'] });
    expect(edited.status).to.equal(200);
    expect(edited.body.permissions).to.deep.equal(['staff.manage', 'store.manage', 'store.read']);
    const branding = await shopApi(m.slug, admin.token).put('/admin/store/branding').send({ primaryColor: '#112233' });
    expect(branding.status).to.equal(200);
    const unknown = await shopApi(m.slug, m.token).post('/admin/roles').send({ name: uniq('r'), permissions: ['orders.steal'] });
    expect(unknown.status).to.equal(400);
    expect(unknown.body.error.details[0].field).to.equal('permissions');
    const inUse = await shopApi(m.slug, m.token).delete(`/admin/roles/${admin.roleId}`);
    expect(inUse.status).to.equal(409);
    expect(inUse.body.error.code).to.equal('role_in_use');
  });

  it('signs a removed staff member out everywhere and keeps the owner', async () => {
    const gone = await staffWith(m, ['customers.read']);
    const removed = await shopApi(m.slug, m.token).delete(`/admin/staff/${gone.id}`);
    expect(removed.status).to.equal(200);
    expect(removed.body.status).to.equal('disabled');
    expect((await shopApi(m.slug, gone.token).get('/admin/me')).status).to.equal(401);
    expect((await shopApi(m.slug).post('/admin/auth/login').send({ email: gone.email, password: 'Staff#2026' })).status).to.equal(401);
    const me = await shopApi(m.slug, m.token).get('/admin/me');
    const owner = await shopApi(m.slug, m.token).delete(`/admin/staff/${me.body.id}`);
    expect(owner.status).to.equal(403);
    expect(owner.body.error.code).to.equal('owner_protected');
  });

  it('revokes the token on sign-out and other sessions on a password change', async () => {
    const own = await merchant();
    const second = await shopApi(own.slug).post('/admin/auth/login').send({ email: own.email, password: own.password });
    const third = await shopApi(own.slug).post('/admin/auth/login').send({ email: own.email, password: own.password });
    expect((await shopApi(own.slug, third.body.token).post('/admin/auth/logout')).status).to.equal(200);
    expect((await shopApi(own.slug, third.body.token).get('/admin/me')).status).to.equal(401);
    const wrong = await shopApi(own.slug, own.token).put('/admin/me/password').send({ currentPassword: 'nope', newPassword: 'Newpass#2026' });
    expect(wrong.status).to.equal(400);
    const changed = await shopApi(own.slug, own.token).put('/admin/me/password').send({ currentPassword: own.password, newPassword: 'Newpass#2026' });
    expect(changed.status).to.equal(200);
    expect((await shopApi(own.slug, second.body.token).get('/admin/me')).status).to.equal(401);
    expect((await shopApi(own.slug, own.token).get('/admin/me')).status).to.equal(200);
    expect((await shopApi(own.slug).post('/admin/auth/login').send({ email: own.email, password: 'Newpass#2026' })).status).to.equal(200);
  });

  it('invites staff by email with a role; the link works once', async () => {
    const roles = await shopApi(m.slug, m.token).get('/admin/roles');
    const agentRole = roles.body.items.find((r: { code: string }) => r.code === 'agent');
    const email = `${uniq('inv')}@staff.cn`;
    const invited = await shopApi(m.slug, m.token).post('/admin/staff/invitations').send({ email, roleId: agentRole.id });
    expect(invited.status).to.equal(201);
    expect(invited.body).to.include({ email, status: 'pending' });
    const [mail] = await sandboxMessages(email);
    const token = linkToken(mail!.body);
    const accepted = await shopApi(m.slug).post('/admin/staff/invitations/accept').send({ token, name: '新同事', password: 'Agent#2026' });
    expect(accepted.status).to.equal(201);
    const me = await shopApi(m.slug, accepted.body.token).get('/admin/me');
    expect(me.body).to.deep.include({ email, role: 'agent' });
    const again = await shopApi(m.slug).post('/admin/staff/invitations/accept').send({ token, name: 'x', password: 'Agent#2026' });
    expect(again.status).to.equal(400);
    expect(again.body.error.code).to.equal('invitation_invalid');
    const elsewhere = await merchant();
    expect((await shopApi(elsewhere.slug).post('/admin/staff/invitations/accept').send({ token, name: 'x', password: 'Agent#2026' })).status).to.equal(400);
  });

  it('resets a forgotten password by emailed link and ends old sessions', async () => {
    const own = await merchant();
    const silent = await shopApi(own.slug).post('/admin/auth/password-reset').send({ email: 'nobody@nowhere.cn' });
    expect(silent.status).to.equal(200);
    const asked = await shopApi(own.slug).post('/admin/auth/password-reset').send({ email: own.email });
    expect(asked.body).to.deep.equal(silent.body);
    const [mail] = await sandboxMessages(own.email);
    const token = linkToken(mail!.body);
    const done = await shopApi(own.slug).post('/admin/auth/password-reset/confirm').send({ token, password: 'Reset#2026' });
    expect(done.status).to.equal(200);
    expect((await shopApi(own.slug, own.token).get('/admin/me')).status).to.equal(401);
    expect((await shopApi(own.slug).post('/admin/auth/login').send({ email: own.email, password: 'Reset#2026' })).status).to.equal(200);
    expect((await shopApi(own.slug).post('/admin/auth/password-reset/confirm').send({ token, password: 'Reset#2027' })).status).to.equal(400);
  });

  it('records staff actions in an audit log the owner reads', async () => {
    const own = await merchant();
    await shopApi(own.slug, own.token).put('/admin/store/branding').set('User-Agent', 'audit-test').send({ primaryColor: '#abcdef' });
    const log = await shopApi(own.slug, own.token).get('/admin/audit-log?action=store.branding.update');
    expect(log.status).to.equal(200);
    expect(log.body.items[0]).to.deep.include({ action: 'store.branding.update', tenantId: own.id, userAgent: 'audit-test' });
    expect(log.body.items[0].actor).to.deep.include({ kind: 'merchant', label: own.email });
    expect(log.body.items[0].ip).to.be.a('string');
    const operator = await platformToken();
    const platformLog = await api({ token: operator }).get(`/platform/audit-log?tenantId=${own.id}`);
    expect(platformLog.body.items.map((e: { action: string }) => e.action)).to.include('store.branding.update');
    const bad = await shopApi(own.slug, own.token).get('/admin/audit-log?pageSize=101');
    expect(bad.status).to.equal(400);
    expect(bad.body.error.details[0].field).to.equal('pageSize');
  });
});

describe('giving roles', () => {
  let m: TestMerchant;
  const roleOf = async (code: string): Promise<{ id: number; permissions: string[] }> =>
    (await shopApi(m.slug, m.token).get('/admin/roles')).body.items.find((r: { code: string }) => r.code === code);

  before(async () => {
    m = await merchant();
  });

  it('lets holders of staff.read see the roles and the permissions they are made of', async () => {
    const reader = await staffWith(m, ['staff.read']);
    const roles = await shopApi(m.slug, reader.token).get('/admin/roles');
    expect(roles.status).to.equal(200);
    expect(roles.body.items.map((r: { code: string | null }) => r.code)).to.include.members(['admin', 'finance', 'agent']);
    expect((await shopApi(m.slug, reader.token).get('/admin/permissions')).status).to.equal(200);
  });

  it('stops a staff.manage holder from giving anybody, themselves included, the finance role', async () => {
    const manager = await staffWith(m, ['staff.manage']);
    const as = shopApi(m.slug, manager.token);
    const finance = await roleOf('finance');
    const own = await as.patch(`/admin/staff/${manager.id}`).send({ roleId: finance.id });
    expect(own.status).to.equal(403);
    expect(own.body.error.code).to.equal('cannot_change_own_role');
    const created = await as.post('/admin/staff').send({ email: `${uniq('f')}@staff.test`, name: 'Finance', roleId: finance.id, password: 'Staff#2026' });
    expect(created.status).to.equal(403);
    expect(created.body.error.code).to.equal('cannot_grant');
    expect(created.body.error.details[0].field).to.equal('roleId');
    expect(created.body.error.details[0].permissions).to.include.members(['finance.read', 'finance.withdraw']);
    const invited = await as.post('/admin/staff/invitations').send({ email: `${uniq('f')}@staff.test`, roleId: finance.id });
    expect(invited.status).to.equal(403);
    expect(invited.body.error.code).to.equal('cannot_grant');
    const colleague = await staffWith(m, []);
    const promoted = await as.patch(`/admin/staff/${colleague.id}`).send({ roleId: finance.id });
    expect(promoted.status).to.equal(403);
    expect(promoted.body.error.code).to.equal('cannot_grant');
    const withdrawal = await as.post('/admin/finance/withdrawals').send({ amount: 100, payee: { accountName: '张三', bankName: '招商银行', accountNo: '6222020000000000' } });
    expect(withdrawal.status).to.equal(403);
    // within what they hold, managing staff still works: staff.manage covers staff.read
    const reader = await shopApi(m.slug, m.token).post('/admin/roles').send({ name: uniq('reader'), permissions: ['staff.read'] });
    expect((await as.patch(`/admin/staff/${colleague.id}`).send({ roleId: reader.body.id })).status).to.equal(200);
  });

  it('stops a staff manager from changing or removing someone who holds more than they do', async () => {
    const manager = await staffWith(m, ['staff.manage']);
    const cashier = await staffWith(m, ['finance.read', 'finance.withdraw']);
    const removed = await shopApi(m.slug, manager.token).delete(`/admin/staff/${cashier.id}`);
    expect(removed.status).to.equal(403);
    expect(removed.body.error.code).to.equal('cannot_manage');
    expect(removed.body.error.details.permissions).to.deep.equal(['finance.read', 'finance.withdraw']);
    expect((await shopApi(m.slug, cashier.token).get('/admin/me')).status).to.equal(200);
  });

  it('lets a roles.manage holder make and edit roles only within their own permissions, never their own role', async () => {
    const editor = await staffWith(m, ['roles.manage', 'orders.read', 'customers.read']);
    const as = shopApi(m.slug, editor.token);
    const within = await as.post('/admin/roles').send({ name: uniq('r'), permissions: ['orders.read'] });
    expect(within.status).to.equal(201);
    const beyond = await as.post('/admin/roles').send({ name: uniq('r'), permissions: ['orders.read', 'orders.refund'] });
    expect(beyond.status).to.equal(403);
    expect(beyond.body.error.details[0]).to.deep.include({ field: 'permissions', permissions: ['orders.refund'] });
    expect((await as.put(`/admin/roles/${within.body.id}`).send({ permissions: ['finance.withdraw'] })).body.error.code).to.equal('cannot_grant');
    expect((await as.put(`/admin/roles/${within.body.id}`).send({ permissions: ['customers.read'] })).status).to.equal(200);
    const ownRole = await as.put(`/admin/roles/${editor.roleId}`).send({ permissions: ['roles.manage'] });
    expect(ownRole.status).to.equal(403);
    expect(ownRole.body.error.code).to.equal('cannot_change_own_role');
    const finance = await roleOf('finance');
    const stripped = await as.put(`/admin/roles/${finance.id}`).send({ permissions: [] });
    expect(stripped.status).to.equal(403);
    expect(stripped.body.error.code).to.equal('cannot_manage');
    expect((await roleOf('finance')).permissions).to.deep.equal(finance.permissions);
  });
});

describe('platform operators', () => {
  it('signs the first operator in and refuses merchant tokens on platform routes', async () => {
    const token = await platformToken();
    const me = await api({ token }).get('/platform/me');
    expect(me.body.email).to.equal(config().platformAdmin.email);
    const m = await merchant();
    const asMerchant = await api({ token: m.token }).get('/platform/tenants');
    expect(asMerchant.status).to.equal(401);
    const tenants = await api({ token }).get('/platform/tenants?q=' + m.slug);
    expect(tenants.body.items[0]).to.deep.include({ slug: m.slug, status: 'active', plan: 'trial' });
  });
});
