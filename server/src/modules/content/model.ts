import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { idColumn, jsonColumn, TenantModel, tenantIdColumn, timestamps } from '../../core/db/index.js';

export type ArticleKind = 'article' | 'video' | 'faq' | 'help';
export type ArticleStatus = 'draft' | 'published';
export type HelpAudience = 'merchants' | 'suppliers' | 'both';

export class ContentCategory extends TenantModel<InferAttributes<ContentCategory>, InferCreationAttributes<ContentCategory>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare name: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** A shop's article, video, FAQ entry (title = question, body = answer) or help article. */
export class ContentArticle extends TenantModel<InferAttributes<ContentArticle>, InferCreationAttributes<ContentArticle>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare kind: ArticleKind;
  declare title: string;
  /** Sanitized HTML (service.ts). */
  declare body: string;
  declare videoUrl: string | null;
  declare coverUrl: string | null;
  declare categoryId: number | null;
  declare keywords: string[];
  declare status: ArticleStatus;
  declare publishedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** The platform's help for the merchants' and suppliers' consoles: no shop owns it. */
export class HelpArticle extends Model<InferAttributes<HelpArticle>, InferCreationAttributes<HelpArticle>> {
  declare id: CreationOptional<number>;
  declare audience: HelpAudience;
  declare kind: ArticleKind;
  declare title: string;
  declare body: string;
  declare videoUrl: string | null;
  declare coverUrl: string | null;
  declare keywords: string[];
  declare status: ArticleStatus;
  declare publishedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

const articleColumns = () => ({
  kind: { type: DataTypes.STRING(16), allowNull: false },
  title: { type: DataTypes.STRING(128), allowNull: false },
  body: { type: DataTypes.TEXT, allowNull: false },
  videoUrl: { type: DataTypes.STRING(512), allowNull: true },
  coverUrl: { type: DataTypes.STRING(512), allowNull: true },
  keywords: jsonColumn<string[]>('keywords', []),
  status: { type: DataTypes.STRING(16), allowNull: false },
  publishedAt: { type: DataTypes.DATE(3), allowNull: true },
  ...timestamps(),
});

/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  ContentCategory.init(
    { id: idColumn(), tenantId: tenantIdColumn(), name: { type: DataTypes.STRING(32), allowNull: false }, ...timestamps() },
    { sequelize, tableName: 'content_categories' },
  );
  ContentArticle.init(
    { id: idColumn(), tenantId: tenantIdColumn(), categoryId: { type: DataTypes.INTEGER, allowNull: true }, ...articleColumns() },
    { sequelize, tableName: 'content_articles' },
  );
  HelpArticle.init(
    { id: idColumn(), audience: { type: DataTypes.STRING(16), allowNull: false }, ...articleColumns() },
    { sequelize, tableName: 'help_articles' },
  );
}
