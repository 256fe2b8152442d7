import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn, TenantModel, idColumn, tenantIdColumn, timestamps } from '../../core/db/index.js';

export interface Theme {
  notice?: string;
  servicePhone?: string;
  banners?: Array<{ imageUrl: string; link?: string }>;
}

export class StorefrontSettings extends TenantModel<InferAttributes<StorefrontSettings>, InferCreationAttributes<StorefrontSettings>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare logoUrl: string | null;
  declare primaryColor: string;
  declare theme: Theme;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  StorefrontSettings.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      logoUrl: { type: DataTypes.STRING(512), allowNull: true },
      primaryColor: { type: DataTypes.STRING(16), allowNull: false },
      theme: jsonColumn('theme', {} as Theme),
      ...timestamps(),
    },
    { sequelize, tableName: 'storefront_settings' },
  );
}
