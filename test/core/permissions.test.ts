import { expect } from 'chai';
import { inspect } from 'node:util';
import { Op } from 'sequelize';
import { createContext, type Ctx } from '../../server/src/core/context.js';
import { accessibleWhere, authorize, can, notHeld } from '../../server/src/core/permissions.js';

describe('permissions', () => {
  // an ability is built with the context: after the root hooks installed the modules' policies
  let shopper: Ctx, agent: Ctx, foreignStaff: Ctx;
  before(() => {
    shopper = createContext({ tenantId: 7, actor: { kind: 'shopper', id: 42, tenantId: 7, sessionId: 's' } });
    agent = createContext({ tenantId: 7, actor: { kind: 'merchant', id: 3, tenantId: 7, email: 'a@x.cn', roleId: 1, isOwner: false, permissions: ['customers.read', 'orders.read'], sessionId: 's' } });
    foreignStaff = createContext({ tenantId: 8, actor: { kind: 'merchant', id: 3, tenantId: 7, email: 'a@x.cn', roleId: 1, isOwner: true, permissions: [], sessionId: 's' } });
  });

  it('turns a shopper\'s rules into a where clause on their own rows', () => {
    const where = inspect(accessibleWhere(shopper, 'read', 'Order'), { depth: 10 });
    expect(where).to.contain('customerId: { [Symbol(eq)]: 42 }');
    expect(where).to.contain('tenantId: { [Symbol(eq)]: 7 }');
    expect(can(shopper, 'read', 'Order', { customerId: 42, tenantId: 7 })).to.equal(true);
    expect(can(shopper, 'read', 'Order', { customerId: 43, tenantId: 7 })).to.equal(false);
  });

  it('gives staff exactly their role\'s permissions, inside their tenant', () => {
    expect(can(agent, 'read', 'Customer')).to.equal(true);
    expect(can(agent, 'readPhone', 'Customer')).to.equal(false);
    expect(can(agent, 'read', 'Order', { tenantId: 8 })).to.equal(false);
    expect(() => authorize(agent, 'refund', 'Order')).to.throw().with.property('status', 403);
  });

  it('matches nothing when no rule applies, and grants nothing to staff acting in another tenant', () => {
    const where = accessibleWhere(agent, 'read', 'Withdrawal') as Record<symbol, unknown[]>;
    expect(String((where[Op.and]![0] as { val: string }).val)).to.equal('1 = 0');
    expect(can(foreignStaff, 'read', 'Order')).to.equal(false);
  });

  it('gives a platform user only what their role grants, and an administrator everything', () => {
    const reviewer = createContext({ actor: { kind: 'platform', id: 5, email: 'r@p.cn', roleId: 3, isAdministrator: false, permissions: ['suppliers.review'], sessionId: 's' } });
    const administrator = createContext({ actor: { kind: 'platform', id: 1, email: 'a@p.cn', roleId: 1, isAdministrator: true, permissions: [], sessionId: 's' } });
    expect(can(reviewer, 'review', 'Supplier')).to.equal(true);
    expect(can(reviewer, 'review', 'Finance')).to.equal(false);
    expect(can(administrator, 'review', 'Finance')).to.equal(true);
    expect(notHeld(reviewer, ['suppliers.read', 'suppliers.review', 'finance.review'])).to.deep.equal(['finance.review']);
    expect(notHeld(administrator, ['finance.review', 'accounts.manage'])).to.deep.equal([]);
  });

  it('counts a permission as held when the ones held cover its grants, inside the tenant only', () => {
    const manager = createContext({ tenantId: 7, actor: { kind: 'merchant', id: 4, tenantId: 7, email: 'm@x.cn', roleId: 2, isOwner: false, permissions: ['staff.manage'], sessionId: 's' } });
    expect(notHeld(manager, ['staff.read', 'staff.manage', 'finance.withdraw'])).to.deep.equal(['finance.withdraw']);
    expect(notHeld(foreignStaff, ['staff.read'])).to.deep.equal(['staff.read']);
    expect(notHeld(shopper, ['orders.read'])).to.deep.equal(['orders.read']);
  });
});
