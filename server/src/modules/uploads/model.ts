import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { idColumn } from '../../core/db/index.js';

/** A stored file and who sent it first for one shop; one row per stored object and shop. */
export class Upload extends Model<InferAttributes<Upload>, InferCreationAttributes<Upload>> {
  declare id: CreationOptional<number>;
  declare uploaderKind: string;
  declare uploaderId: number;
  declare tenantId: number | null;
  /** The tenant id, or 0 outside any shop: the unique key (storage key, shop) needs a value. */
  declare shopScope: number;
  declare storage: string;
  declare storageKey: string;
  declare url: string;
  declare mime: string;
  declare size: number;
  declare originalName: string | null;
  declare createdAt: CreationOptional<Date>;
}

/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  Upload.init(
    {
      id: idColumn(),
      uploaderKind: { type: DataTypes.STRING(16), allowNull: false },
      uploaderId: { type: DataTypes.INTEGER, allowNull: false },
      tenantId: { type: DataTypes.INTEGER, allowNull: true },
      shopScope: { type: DataTypes.INTEGER, allowNull: false },
      storage: { type: DataTypes.STRING(8), allowNull: false },
      storageKey: { type: DataTypes.STRING(255), allowNull: false },
      url: { type: DataTypes.STRING(512), allowNull: false },
      mime: { type: DataTypes.STRING(64), allowNull: false },
      size: { type: DataTypes.INTEGER, allowNull: false },
      originalName: { type: DataTypes.STRING(255), allowNull: true },
      createdAt: DataTypes.DATE(3),
    },
    { sequelize, tableName: 'uploads', updatedAt: false },
  );
}
