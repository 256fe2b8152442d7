import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn, idColumn, timestamps } from '../../core/db/index.js';

export type SupplierStatus = 'pending' | 'approved' | 'rejected' | 'suspended';
export type DocumentType = 'business_license' | 'food_permit' | 'cosmetics_permit' | 'other';

export interface QualificationDocument {
  type: DocumentType;
  url: string;
  name?: string;
}

export class Supplier extends Model<InferAttributes<Supplier>, InferCreationAttributes<Supplier>> {
  declare id: CreationOptional<number>;
  declare companyName: string;
  declare licenseNo: string;
  declare contactName: string;
  declare contactPhone: string | null;
  declare status: SupplierStatus;
  declare rejectReason: string | null;
  declare documents: QualificationDocument[];
  declare reviewedAt: Date | null;
  declare reviewedBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class SupplierUser extends Model<InferAttributes<SupplierUser>, InferCreationAttributes<SupplierUser>> {
  declare id: CreationOptional<number>;
  declare supplierId: number;
  declare email: string;
  declare name: string;
  declare passwordHash: string;
  declare isOwner: boolean;
  declare status: 'active' | 'disabled';
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare supplier?: Supplier;
}

/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  Supplier.init(
    {
      id: idColumn(),
      companyName: { type: DataTypes.STRING(128), allowNull: false },
      licenseNo: { type: DataTypes.STRING(18), allowNull: false },
      contactName: { type: DataTypes.STRING(64), allowNull: false },
      contactPhone: { type: DataTypes.STRING(20), allowNull: true },
      status: { type: DataTypes.STRING(16), allowNull: false },
      rejectReason: { type: DataTypes.STRING(500), allowNull: true },
      documents: jsonColumn('documents', [] as QualificationDocument[]),
      reviewedAt: { type: DataTypes.DATE(3), allowNull: true },
      reviewedBy: { type: DataTypes.INTEGER, allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'suppliers' },
  );
  SupplierUser.init(
    {
      id: idColumn(),
      supplierId: { type: DataTypes.INTEGER, allowNull: false },
      email: { type: DataTypes.STRING(191), allowNull: false },
      name: { type: DataTypes.STRING(64), allowNull: false },
      passwordHash: { type: DataTypes.STRING(255), allowNull: false },
      isOwner: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      ...timestamps(),
    },
    { sequelize, tableName: 'supplier_users' },
  );
}

/** Runs after every module's models are initialised. */
export function associateModels(): void {
  SupplierUser.belongsTo(Supplier, { foreignKey: 'supplierId', as: 'supplier' });
}
