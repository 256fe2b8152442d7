/**
 * Writing changes to a row a service read earlier. The row is turned back into the instance it was
 * read as (no statement), so the UPDATE is the one that instance would have sent: only the columns
 * that change, with `updated_at`, by primary key, and nothing at all when nothing changes. The
 * caller gets the row as it now is, `updatedAt` included, without reading it again.
 */
import type { Model, ModelStatic } from 'sequelize';
import type { Ctx } from '../../../core/context.js';
import { inTx } from '../../../core/db/index.js';

export async function saveChanges<M extends Model>(ctx: Ctx, model: ModelStatic<M>, row: object, changes: object): Promise<M> {
  const loaded = model.build(row as M['_creationAttributes'], { isNewRecord: false, raw: true });
  await loaded.update(changes as Partial<M['_attributes']>, inTx(ctx));
  return loaded;
}
