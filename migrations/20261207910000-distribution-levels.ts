import type { QueryInterface } from 'sequelize';
import { createTable, dropTables, integer, text } from '../server/src/core/db/schema.js';

/**
 * Distributor levels (modules/distribution, 分销等级). `distribution_levels`: a shop's levels, each
 * with a grade (its rank: unique per shop, higher is better), its own rates per depth level (JSON, basis
 * points; empty falls back to the shop's rates) and its upgrade conditions (JSON) with an
 * any/all match. `distributors.level_id`: the level a distributor holds (null: none yet).
 * `distribution_level_changes`: every change of a distributor's level, automatic or by staff.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'distribution_levels', {
    tenant: true,
    columns: {
      name: text(32),
      grade: integer(),
      rates: text(64),
      conditions: text(255),
      match_mode: text(8),
    },
    indexes: [{ fields: ['tenant_id', 'grade'], unique: true }],
  });
  await qi.addColumn('distributors', 'level_id', integer(true));
  await createTable(qi, 'distribution_level_changes', {
    tenant: true,
    updatedAt: false,
    columns: {
      customer_id: integer(),
      from_level_id: integer(true),
      to_level_id: integer(true),
      source: text(16),
      staff_id: integer(true),
    },
    indexes: [{ fields: ['tenant_id', 'customer_id', 'id'] }],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'distribution_level_changes', 'distribution_levels');
  await qi.sequelize.query('ALTER TABLE distributors DROP COLUMN level_id');
}
