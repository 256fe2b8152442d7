import type { QueryInterface } from 'sequelize';
import { addIndex, removeIndex } from '../server/src/core/db/schema.js';

/** A chat image must be a file uploaded here: the uploads record is looked up by its URL. */
const index = { fields: ['url'] };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await addIndex(qi, 'uploads', index, false);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await removeIndex(qi, 'uploads', index);
}
