import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn, TenantModel, idColumn, tenantIdColumn, timestamps } from '../../core/db/index.js';

export class Review extends TenantModel<InferAttributes<Review>, InferCreationAttributes<Review>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare listingId: number;
  declare orderItemId: number;
  declare customerId: number;
  declare rating: number;
  declare content: string | null;
  declare images: string[];
  declare reply: string | null;
  declare repliedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  Review.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      listingId: { type: DataTypes.INTEGER, allowNull: false },
      orderItemId: { type: DataTypes.INTEGER, allowNull: false },
      customerId: { type: DataTypes.INTEGER, allowNull: false },
      rating: { type: DataTypes.INTEGER, allowNull: false },
      content: { type: DataTypes.STRING(1000), allowNull: true },
      images: jsonColumn('images', [] as string[]),
      reply: { type: DataTypes.STRING(1000), allowNull: true },
      repliedAt: { type: DataTypes.DATE(3), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'reviews' },
  );
}
