import { QueryTypes, type QueryInterface } from 'sequelize';

/**
 * Tenant settings become one document of module sections: the flat business settings move under
 * the orders module, which owns the clocks of an order's life. Only values a shop had stored move
 * (the defaults fill the rest when read), and any section already there is kept.
 */
const flatToOrders = { orderAutoCancelMinutes: 'autoCancelMinutes', autoReceiveDays: 'autoReceiveDays', afterSalesDays: 'afterSalesDays' } as const;

type Doc = Record<string, unknown>;

async function rewrite(qi: QueryInterface, change: (doc: Doc) => Doc): Promise<void> {
  const rows = await qi.sequelize.query<{ id: number; settings: string | null }>('SELECT id, settings FROM tenants', { type: QueryTypes.SELECT });
  for (const row of rows) {
    let doc: Doc = {};
    try {
      const parsed: unknown = JSON.parse(row.settings || '{}');
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) doc = parsed as Doc;
    } catch {
      // unreadable settings read as the defaults, before and after
    }
    const next = JSON.stringify(change(doc));
    if (next !== row.settings) await qi.sequelize.query('UPDATE tenants SET settings = ? WHERE id = ?', { replacements: [next, row.id] });
  }
}

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await rewrite(qi, (doc) => {
    const rest: Doc = { ...doc };
    const orders: Doc = typeof doc.orders === 'object' && doc.orders ? { ...(doc.orders as Doc) } : {};
    for (const [flat, field] of Object.entries(flatToOrders)) {
      if (flat in rest) {
        if (!(field in orders)) orders[field] = rest[flat];
        delete rest[flat];
      }
    }
    return Object.keys(orders).length ? { ...rest, orders } : rest;
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await rewrite(qi, (doc) => {
    const orders = typeof doc.orders === 'object' && doc.orders ? (doc.orders as Doc) : {};
    const flat: Doc = {};
    for (const [name, field] of Object.entries(flatToOrders)) if (field in orders) flat[name] = orders[field];
    // the flat document had no sections: the others' settings go with the code that read them
    return flat;
  });
}
