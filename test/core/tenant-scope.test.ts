import { expect } from 'chai';
import { Op } from 'sequelize';
import { createContext, runInContext, systemContext } from '../../server/src/core/context.js';
import { acrossTenants, insertRow, insertRows, platformRows, takeFromRow, tenantRows, tenantWrite } from '../../server/src/core/db/index.js';
import { ProductSku } from '../../server/src/modules/catalog/model.js';
import { TenantScopeError } from '../../server/src/core/errors.js';
import { marketProduct, merchant, type TestMerchant } from '../factories/index.js';
import { Role, Staff } from '../../server/src/modules/accounts/model.js';
import { cache } from '../../server/src/core/cache.js';
import { tenantForId } from '../../server/src/core/tenancy.js';

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

describe('plain-row reads and writes (core/db/rows)', () => {
  let a: TestMerchant;
  let b: TestMerchant;
  const inA = <T>(fn: () => Promise<T>) => runInContext(systemContext('test', a.id), fn);
  const refused = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (err) {
      return err;
    }
    return undefined;
  };

  before(async () => {
    a = await merchant();
    b = await merchant();
  });

  it('inserts rows with the tenant of the context, defaults and JSON, and returns their ids in order', async () => {
    const ids = await inA(() =>
      insertRows(systemContext('test', a.id), Role, [
        { name: 'plain-1', code: null, builtin: false, permissions: ['orders.read'] },
        { name: 'plain-2', code: null, builtin: false, permissions: [] },
      ] as never),
    );
    expect(ids).to.have.length(2);
    expect(ids[1]).to.equal(ids[0]! + 1);
    const rows = await inA(() => Role.findAll({ where: { id: ids }, order: [['id', 'ASC']] }));
    expect(rows.map((r) => [r.id, r.tenantId, r.name, r.permissions])).to.deep.equal([
      [ids[0], a.id, 'plain-1', ['orders.read']],
      [ids[1], a.id, 'plain-2', []],
    ]);
    expect(rows[0]!.createdAt).to.be.instanceOf(Date);
  });

  it('refuses to insert or read tenant rows with no tenant, for another tenant, or without filtering on it', async () => {
    const ctxA = systemContext('test', a.id);
    expect(await refused(() => insertRow(createContext(), Role, { name: 'x', code: null, builtin: false, permissions: [] } as never))).to.be.instanceOf(TenantScopeError);
    expect(await refused(() => runInContext(createContext(), () => insertRow(createContext(), Role, { name: 'x', code: null, builtin: false, permissions: [] } as never)))).to.be.instanceOf(TenantScopeError);
    expect(await refused(() => inA(() => insertRow(ctxA, Role, { tenantId: b.id, name: 'x', code: null, builtin: false, permissions: [] } as never)))).to.be.instanceOf(TenantScopeError);
    expect(await refused(() => inA(() => tenantRows(ctxA, 'SELECT id FROM roles')))).to.be.instanceOf(TenantScopeError);
    expect(await refused(() => runInContext(createContext(), () => tenantRows(createContext(), 'SELECT id FROM roles WHERE tenant_id = :tenantId')))).to.be.instanceOf(TenantScopeError);
    const rows = await inA(() => tenantRows<{ tenantId: number }>(ctxA, 'SELECT tenant_id AS tenantId FROM roles WHERE tenant_id = :tenantId', { tenantId: b.id }));
    expect(rows.length).to.be.greaterThan(0);
    expect(rows.every((r) => r.tenantId === a.id), 'the tenant is bound from the context, never by the caller').to.equal(true);
  });

  it('binds hand-written rows to the tenant of the ctx they are given, whatever tenant the surrounding context has', async () => {
    const ctxA = systemContext('test', a.id);
    const inB = <T>(fn: () => Promise<T>) => runInContext(systemContext('test', b.id), fn);
    const sql = 'SELECT tenant_id AS tenantId FROM roles WHERE tenant_id = :tenantId';
    for (const rows of [await tenantRows<{ tenantId: number }>(ctxA, sql), await inB(() => tenantRows<{ tenantId: number }>(ctxA, sql))]) {
      expect(rows.length).to.be.greaterThan(0);
      expect(rows.every((r) => r.tenantId === a.id)).to.equal(true);
    }
    expect(await inB(() => tenantWrite(ctxA, "UPDATE roles SET name = name WHERE tenant_id = :tenantId AND code = 'no-such-code'"))).to.equal(0);
    expect(await refused(() => inA(() => tenantRows(createContext(), sql))), 'a ctx without a tenant, inside a tenant\'s context').to.be.instanceOf(TenantScopeError);
    expect(await refused(() => inA(() => tenantWrite(createContext(), 'DELETE FROM roles WHERE tenant_id = :tenantId AND id = 0')))).to.be.instanceOf(TenantScopeError);
    expect(await refused(() => inA(() => insertRow(createContext(), Role, { name: 'x', code: null, builtin: false, permissions: [] } as never)))).to.be.instanceOf(TenantScopeError);
    const id = await inB(() => insertRow(ctxA, Role, { name: 'bound-to-a', code: null, builtin: false, permissions: [] } as never));
    expect((await inA(() => Role.findOne({ where: { id } })))?.tenantId).to.equal(a.id);
  });

  it('takes from a row only while enough is left, and says what is left', async () => {
    const product = await marketProduct({ skus: [{ specs: { 规格: '标准' }, supplyPrice: 100, suggestedPrice: 200, stock: 3 }] });
    const ctx = systemContext('test');
    const [sku] = await platformRows<{ id: number }>(ctx, 'SELECT id FROM product_skus WHERE product_id = :productId', { productId: product.id });
    expect(await takeFromRow(ctx, ProductSku, 'stock', 2, { id: sku!.id })).to.equal(1);
    expect(await takeFromRow(ctx, ProductSku, 'stock', 2, { id: sku!.id }), 'never below zero').to.equal(null);
    expect(await takeFromRow(ctx, ProductSku, 'stock', 1, { id: sku!.id })).to.equal(0);
    expect((await ProductSku.findByPk(sku!.id))!.stock).to.equal(0);
    expect(await refused(() => takeFromRow(ctx, Role as never, 'name', 1, { id: 1 }))).to.be.instanceOf(TenantScopeError);
  });
});

describe('the tenant directory by id', () => {
  it('keeps no "no such tenant" for an id, so a job asking by id finds a tenant made since', async () => {
    const m = await merchant();
    const unknown = m.id + 1_000_000;
    expect(await tenantForId(unknown)).to.equal(null);
    expect(await cache().get(`tenant:id:${unknown}`), 'the miss is not kept').to.equal(null);
    expect((await tenantForId(m.id))?.slug).to.equal(m.slug);
    expect(await cache().get(`tenant:id:${m.id}`), 'a hit is').to.not.equal(null);
  });
});
