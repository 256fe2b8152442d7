import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * A shopper's address may carry its map position (lat/lng, chosen on a map): same-city delivery
 * from a store (modules/stores) measures the distance from it. Null for addresses without one.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('addresses', 'lat', { type: DataTypes.DOUBLE, allowNull: true });
  await qi.addColumn('addresses', 'lng', { type: DataTypes.DOUBLE, allowNull: true });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  // as the other migrations do: qi.removeColumn would rebuild the table on SQLite
  await qi.sequelize.query('ALTER TABLE addresses DROP COLUMN lng');
  await qi.sequelize.query('ALTER TABLE addresses DROP COLUMN lat');
}
