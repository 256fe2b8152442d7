import type { QueryInterface } from 'sequelize';
import { DataTypes } from 'sequelize';
import { createTable, dropTables, integer, longText, refColumn, text } from '../server/src/core/db/schema.js';

/**
 * The application-kept search index (character bigrams and words, per scope: 0 for the supplier
 * market, a tenant id for that shop), uploads, and bulk import jobs.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('search_terms', {
    scope_id: { type: qi.sequelize.getDialect() === 'mysql' ? DataTypes.BIGINT : DataTypes.INTEGER, allowNull: false, primaryKey: true },
    doc_type: { type: DataTypes.STRING(16), allowNull: false, primaryKey: true },
    term: { type: DataTypes.STRING(32), allowNull: false, primaryKey: true },
    doc_id: { type: qi.sequelize.getDialect() === 'mysql' ? DataTypes.BIGINT : DataTypes.INTEGER, allowNull: false, primaryKey: true },
    weight: { type: DataTypes.INTEGER, allowNull: false },
  }, qi.sequelize.getDialect() === 'mysql' ? { charset: 'utf8mb4', collate: 'utf8mb4_bin', engine: 'InnoDB' } : {});
  await qi.addIndex('search_terms', ['doc_type', 'doc_id'], { name: 'ix_search_terms_doc' });
  await createTable(qi, 'uploads', {
    tenant: false,
    updatedAt: false,
    columns: {
      uploader_kind: text(16),
      uploader_id: refColumn(qi),
      tenant_id: refColumn(qi, true),
      storage: text(8),
      storage_key: text(255),
      url: text(512),
      mime: text(64),
      size: integer(),
      original_name: text(255, true),
    },
    indexes: [{ fields: ['storage_key'], unique: true }, { fields: ['uploader_kind', 'uploader_id'] }],
  });
  await createTable(qi, 'import_jobs', {
    tenant: false,
    columns: {
      owner_kind: text(16),
      owner_id: refColumn(qi),
      kind: text(32),
      status: text(16),
      total: integer(false, 0),
      processed: integer(false, 0),
      succeeded: integer(false, 0),
      failed: integer(false, 0),
      errors: longText(false),
      file_key: text(255),
    },
    indexes: [{ fields: ['owner_kind', 'owner_id', 'id'] }],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'import_jobs', 'uploads', 'search_terms');
}
