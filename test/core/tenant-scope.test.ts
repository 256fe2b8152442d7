import { expect } from 'chai';
import { Op } from 'sequelize';
import { createContext, runInContext, systemContext } from '../../server/src/core/context.js';
import { acrossTenants } from '../../server/src/core/db/index.js';
import { TenantScopeError } from '../../server/src/core/errors.js';
import { merchant, type TestMerchant } from '../factories/index.js';
import { Role, Staff } from '../../server/src/modules/accounts/model.js';

describe('tenant safety net', () => {
  let a: TestMerchant;
  let b: TestMerchant;
  const inA = <T>(fn: () => Promise<T>) => runInContext(systemContext('test', a.id), fn);

  before(async () => {
    a = await merchant();
    b = await merchant();
  });

  it('refuses a query on a tenant model with no tenant in context', async () => {
    let error: unknown;
    try {
      await Staff.findAll();
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(TenantScopeError);
    const noTenant = createContext();
    await runInContext(noTenant, async () => {
      for (const attempt of [() => Staff.count(), () => Role.update({ name: 'x' }, { where: { id: 1 } }), () => Role.destroy({ where: { id: 1 } })]) {
        let err: unknown;
        try {
          await attempt();
        } catch (e) {
          err = e;
        }
        expect(err).to.be.instanceOf(TenantScopeError);
      }
    });
  });

  it('adds the tenant of the context to a query that forgot it', async () => {
    const rows = await inA(() => Staff.findAll({ raw: true }));
    expect(rows).to.have.length.greaterThan(0);
    expect(rows.every((r) => r.tenantId === a.id)).to.equal(true);
    const count = await inA(() => Staff.count({ where: { email: { [Op.like]: '%@owner.test' } } }));
    expect(count).to.equal(1);
  });

  it('refuses a query naming another tenant than the context', async () => {
    let error: unknown;
    try {
      await inA(() => Staff.findAll({ where: { tenantId: b.id } }));
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(TenantScopeError);
  });

  it('fills the tenant of a created row and refuses to write another tenant\'s', async () => {
    const role = await inA(() => Role.create({ name: 'scoped-create', code: null, builtin: false, permissions: [] } as never));
    expect(role.tenantId).to.equal(a.id);
    let error: unknown;
    try {
      await inA(() => Role.create({ tenantId: b.id, name: 'cross', code: null, builtin: false, permissions: [] }));
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(TenantScopeError);
    error = undefined;
    try {
      await inA(() => Role.bulkCreate([{ tenantId: b.id, name: 'cross-bulk', code: null, builtin: false, permissions: [] }]));
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(TenantScopeError);
  });

  it('scopes bulk updates and deletes to the context\'s tenant', async () => {
    const [changed] = await inA(() => Role.update({ name: 'renamed-everywhere' }, { where: { name: 'scoped-create' } }));
    expect(changed).to.equal(1);
    const bRoles = await runInContext(systemContext('test', b.id), () => Role.findAll({ where: { name: 'renamed-everywhere' } }));
    expect(bRoles).to.have.length(0);
    const removed = await inA(() => Role.destroy({ where: { name: 'renamed-everywhere' } }));
    expect(removed).to.equal(1);
  });

  it('scopes included tenant models and keeps their joins outer', async () => {
    const staff = await inA(() => Staff.findAll({ include: [{ model: Role, as: 'role' }] }));
    expect(staff.length).to.be.greaterThan(0);
    const owner = staff.find((s) => s.isOwner);
    expect(owner, 'the owner has no role and must still be listed').to.not.equal(undefined);
    expect(owner!.role).to.equal(null);
  });

  it('lets platform work cross tenants only through acrossTenants()', async () => {
    const tenants = await acrossTenants('test: count owners everywhere', async () => {
      const rows = await Staff.findAll({ where: { isOwner: true, tenantId: [a.id, b.id] }, raw: true });
      return new Set(rows.map((r) => r.tenantId));
    });
    expect([...tenants].sort()).to.deep.equal([a.id, b.id].sort());
  });
});
