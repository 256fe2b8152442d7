import type { QueryInterface } from 'sequelize';
import { createTable, dropTables, longText, refColumn, text, timestamp } from '../server/src/core/db/schema.js';

/**
 * A shop's content (modules/content): categories, and articles of four kinds (article, video, faq,
 * help) that stay drafts until published. Lists filter on (tenant_id, kind, status) and a category
 * on (tenant_id, category_id). Platform help articles for merchants and suppliers are a platform
 * table: they belong to no shop.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'content_categories', {
    tenant: true,
    columns: { name: text(32) },
  });
  await createTable(qi, 'content_articles', {
    tenant: true,
    columns: {
      kind: text(16),
      title: text(128),
      body: longText(false),
      video_url: text(512, true),
      cover_url: text(512, true),
      category_id: refColumn(qi, true),
      keywords: longText(false),
      status: text(16),
      published_at: timestamp(),
    },
    indexes: [{ fields: ['tenant_id', 'kind', 'status'] }, { fields: ['tenant_id', 'category_id'] }],
  });
  await createTable(qi, 'help_articles', {
    tenant: false,
    columns: {
      audience: text(16),
      kind: text(16),
      title: text(128),
      body: longText(false),
      video_url: text(512, true),
      cover_url: text(512, true),
      keywords: longText(false),
      status: text(16),
      published_at: timestamp(),
    },
    indexes: [{ fields: ['status', 'audience'] }],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'help_articles', 'content_articles', 'content_categories');
}
