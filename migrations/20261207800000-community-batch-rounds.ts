import { DataTypes, type QueryInterface } from 'sequelize';
import { addIndex, removeIndex } from '../server/src/core/db/schema.js';

/**
 * A point's goods of one activity may travel in several rounds: orders paid after the first batch
 * arrived go in the next one. The unique key moves from (activity, point) to (activity, point, round).
 */
const onePerPoint = { fields: ['tenant_id', 'activity_id', 'point_id'], unique: true };
const onePerRound = { fields: ['tenant_id', 'activity_id', 'point_id', 'round'], unique: true };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('community_batches', 'round', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 });
  await addIndex(qi, 'community_batches', onePerRound, true);
  await removeIndex(qi, 'community_batches', onePerPoint);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('DELETE FROM community_batches WHERE round > 1');
  await addIndex(qi, 'community_batches', onePerPoint, true);
  await removeIndex(qi, 'community_batches', onePerRound);
  await qi.sequelize.query('ALTER TABLE community_batches DROP COLUMN round');
}
