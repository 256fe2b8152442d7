import type { Sequelize } from 'sequelize';

/**
 * Drops every table of the database (tests and throwaway benchmark databases only). MySQL refuses
 * to drop a table that others reference, so foreign key checks are switched off on the one
 * connection doing the drops.
 */
export async function dropAllTables(sequelize: Sequelize): Promise<void> {
  if (sequelize.getDialect() !== 'mysql') {
    await sequelize.getQueryInterface().dropAllTables();
    return;
  }
  await sequelize.transaction(async (transaction) => {
    const [rows] = (await sequelize.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()', { transaction })) as [Array<{ name: string }>, unknown];
    await sequelize.query('SET FOREIGN_KEY_CHECKS = 0', { transaction });
    for (const { name } of rows) await sequelize.query(`DROP TABLE IF EXISTS \`${name.replace(/`/g, '')}\``, { transaction });
    await sequelize.query('SET FOREIGN_KEY_CHECKS = 1', { transaction });
  });
}
