import { QueryTypes, type QueryInterface } from 'sequelize';
import { addIndex, refColumn, removeIndex, text, type IndexSpec } from '../server/src/core/db/schema.js';

// a supplier's after-sales cases, across the shops that sell its goods
const ownerIndex: IndexSpec = { fields: ['owner_kind', 'owner_id', 'status', 'id'], crossTenant: true };

/** Who decides a case: the supplier whose goods it is about, or the shop (its own goods, or goods of several owners). */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('aftersales', 'owner_kind', text(16, true));
  await qi.addColumn('aftersales', 'owner_id', refColumn(qi, true));
  const items = await qi.sequelize.query<{ aftersaleId: number; tenantId: number; ownerKind: string; ownerId: number }>(
    `SELECT ai.aftersale_id AS aftersaleId, ai.tenant_id AS tenantId, oi.owner_kind AS ownerKind, oi.owner_id AS ownerId
       FROM aftersale_items ai JOIN order_items oi ON oi.tenant_id = ai.tenant_id AND oi.id = ai.order_item_id`,
    { type: QueryTypes.SELECT },
  );
  const owners = new Map<number, { tenantId: number; owners: Set<string> }>();
  for (const i of items) {
    const entry = owners.get(i.aftersaleId) ?? { tenantId: i.tenantId, owners: new Set<string>() };
    entry.owners.add(`${i.ownerKind}:${i.ownerId}`);
    owners.set(i.aftersaleId, entry);
  }
  for (const [id, { tenantId, owners: set }] of owners) {
    const [only] = set.size === 1 ? [...set] : [];
    const [kind, ownerId] = only?.startsWith('supplier:') ? ['supplier', Number(only.slice('supplier:'.length))] : ['tenant', tenantId];
    await qi.sequelize.query('UPDATE aftersales SET owner_kind = ?, owner_id = ? WHERE tenant_id = ? AND id = ?', { replacements: [kind, ownerId, tenantId, id] });
  }
  await qi.sequelize.query(`UPDATE aftersales SET owner_kind = 'tenant', owner_id = tenant_id WHERE owner_kind IS NULL`);
  await addIndex(qi, 'aftersales', ownerIndex, true);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await removeIndex(qi, 'aftersales', ownerIndex);
  // not qi.removeColumn: on SQLite it rebuilds the table, which its composite foreign keys refuse
  await qi.sequelize.query('ALTER TABLE aftersales DROP COLUMN owner_id');
  await qi.sequelize.query('ALTER TABLE aftersales DROP COLUMN owner_kind');
}
