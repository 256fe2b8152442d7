import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { idColumn, jsonColumn, TenantModel, tenantIdColumn, timestamps } from '../../core/db/index.js';

export type PageKind = 'home' | 'custom';

/** Blocks as stored: validated and sanitized on the way in (schemas.ts, service.ts). */
export type StoredBlock = { type: string; props: Record<string, unknown> };

export class ShopPage extends TenantModel<InferAttributes<ShopPage>, InferCreationAttributes<ShopPage>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare kind: PageKind;
  /** 1 on the home page, null on custom pages: the unique (tenant_id, home_slot) key keeps one home. */
  declare homeSlot: number | null;
  declare title: string;
  /** The draft the editor works on. */
  declare blocks: StoredBlock[];
  /** The highest version ever published (0 before the first publish). */
  declare latestVersion: CreationOptional<number>;
  /** The version shoppers see, null until published. */
  declare publishedVersion: number | null;
  declare publishedAt: Date | null;
  declare draftUpdatedAt: Date;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class ShopPageVersion extends TenantModel<InferAttributes<ShopPageVersion>, InferCreationAttributes<ShopPageVersion>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare pageId: number;
  declare version: number;
  declare title: string;
  declare blocks: StoredBlock[];
  declare publishedBy: number | null;
  declare publishedByName: string | null;
  declare createdAt: CreationOptional<Date>;
}

/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  ShopPage.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      kind: { type: DataTypes.STRING(16), allowNull: false },
      homeSlot: { type: DataTypes.INTEGER, allowNull: true },
      title: { type: DataTypes.STRING(64), allowNull: false },
      blocks: jsonColumn<StoredBlock[]>('blocks', []),
      latestVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      publishedVersion: { type: DataTypes.INTEGER, allowNull: true },
      publishedAt: { type: DataTypes.DATE(3), allowNull: true },
      draftUpdatedAt: { type: DataTypes.DATE(3), allowNull: false },
      ...timestamps(),
    },
    { sequelize, tableName: 'shop_pages' },
  );
  ShopPageVersion.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      pageId: { type: DataTypes.INTEGER, allowNull: false },
      version: { type: DataTypes.INTEGER, allowNull: false },
      title: { type: DataTypes.STRING(64), allowNull: false },
      blocks: jsonColumn<StoredBlock[]>('blocks', []),
      publishedBy: { type: DataTypes.INTEGER, allowNull: true },
      publishedByName: { type: DataTypes.STRING(128), allowNull: true },
      createdAt: DataTypes.DATE(3),
    },
    { sequelize, tableName: 'shop_page_versions', updatedAt: false },
  );
}
