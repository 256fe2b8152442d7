import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn, moneyColumn, idColumn, timestamps } from '../../core/db/index.js';
import type { OwnerKind } from '../../core/owner.js';

export type ProductStatus = 'draft' | 'pending_review' | 'approved' | 'rejected' | 'delisted';
export type RevisionStatus = 'pending' | 'rejected';
export type SkuStatus = 'active' | 'disabled';
export type ImportStatus = 'pending' | 'running' | 'done' | 'failed';
export type Specs = Record<string, string>;
export interface SpecDimension {
  name: string;
  values: string[];
}

export class Category extends Model<InferAttributes<Category>, InferCreationAttributes<Category>> {
  declare id: CreationOptional<number>;
  declare parentId: number | null;
  declare name: string;
  declare sort: number;
  declare level: number;
  declare path: string;
  declare feeBps: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class Brand extends Model<InferAttributes<Brand>, InferCreationAttributes<Brand>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare logoUrl: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class Warehouse extends Model<InferAttributes<Warehouse>, InferCreationAttributes<Warehouse>> {
  declare id: CreationOptional<number>;
  declare ownerKind: OwnerKind;
  declare ownerId: number;
  declare name: string;
  declare province: string;
  declare city: string;
  declare district: string | null;
  declare address: string;
  declare contactName: string | null;
  declare contactPhone: string | null;
  declare lat: number | null;
  declare lng: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Changes to an approved product waiting for review. */
export interface Revision {
  title?: string;
  descriptionHtml?: string | null;
  images?: string[];
  categoryId?: number | null;
  brandId?: number | null;
  skuPrices?: Array<{ skuId: number; supplyPrice: number; suggestedPrice: number }>;
}

export class Product extends Model<InferAttributes<Product>, InferCreationAttributes<Product>> {
  declare id: CreationOptional<number>;
  declare ownerKind: OwnerKind;
  declare ownerId: number;
  declare title: string;
  declare descriptionHtml: string | null;
  declare images: string[];
  declare categoryId: number | null;
  declare brandId: number | null;
  declare specDimensions: SpecDimension[];
  declare status: ProductStatus;
  declare rejectReason: string | null;
  declare revision: Revision | null;
  declare revisionStatus: RevisionStatus | null;
  declare revisionReason: string | null;
  declare sharedWithDistributors: boolean;
  declare freightTemplateId: number | null;
  declare minSupplyPrice: number;
  declare maxSupplyPrice: number;
  declare totalStock: number;
  declare salesCount: CreationOptional<number>;
  declare submittedAt: Date | null;
  declare approvedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare skus?: ProductSku[];
}

export class ProductSku extends Model<InferAttributes<ProductSku>, InferCreationAttributes<ProductSku>> {
  declare id: CreationOptional<number>;
  declare productId: number;
  declare code: string | null;
  declare specs: Specs;
  declare specsKey: string;
  declare supplyPrice: number;
  declare suggestedPrice: number;
  declare minRetailPrice: number | null;
  declare weightGrams: number;
  declare stock: number;
  declare status: SkuStatus;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class SkuStock extends Model<InferAttributes<SkuStock>, InferCreationAttributes<SkuStock>> {
  declare id: CreationOptional<number>;
  declare skuId: number;
  declare warehouseId: number;
  declare stock: number;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/**
 * A problem with one sheet row of an import; `field` is the column header as the file wrote it.
 * `message` is English, for developers; `code` (a field issue code, an import's own such as
 * `price_format`, or an API error code) and the bounds let the console word it.
 */
export interface RowError {
  row: number;
  field: string;
  message: string;
  code?: string;
  minimum?: number;
  maximum?: number;
  /** The row a `rows_disagree` row differs from. */
  otherRow?: number;
}

/**
 * An owner's bulk import and how far it got. `processed` is also the resume cursor: it moves in the
 * same transaction as each product the import creates, and only from the value the runner last
 * read, so a retried or duplicated run neither creates a product twice nor loses count.
 */
export class ImportJob extends Model<InferAttributes<ImportJob>, InferCreationAttributes<ImportJob>> {
  declare id: CreationOptional<number>;
  declare ownerKind: OwnerKind;
  declare ownerId: number;
  declare kind: string;
  declare status: ImportStatus;
  declare total: number;
  declare processed: CreationOptional<number>;
  declare succeeded: CreationOptional<number>;
  declare failed: CreationOptional<number>;
  declare errors: RowError[];
  declare fileKey: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

const stamps = { createdAt: DataTypes.DATE(3), updatedAt: DataTypes.DATE(3) };
/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  Category.init(
    {
      id: idColumn(),
      parentId: { type: DataTypes.INTEGER, allowNull: true },
      name: { type: DataTypes.STRING(64), allowNull: false },
      sort: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      level: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
      path: { type: DataTypes.STRING(255), allowNull: false },
      feeBps: { type: DataTypes.INTEGER, allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'categories' },
  );
  Brand.init(
    { id: idColumn(), name: { type: DataTypes.STRING(64), allowNull: false }, logoUrl: { type: DataTypes.STRING(512), allowNull: true }, ...stamps },
    { sequelize, tableName: 'brands' },
  );
  Warehouse.init(
    {
      id: idColumn(),
      ownerKind: { type: DataTypes.STRING(16), allowNull: false },
      ownerId: { type: DataTypes.INTEGER, allowNull: false },
      name: { type: DataTypes.STRING(64), allowNull: false },
      province: { type: DataTypes.STRING(32), allowNull: false },
      city: { type: DataTypes.STRING(32), allowNull: false },
      district: { type: DataTypes.STRING(32), allowNull: true },
      address: { type: DataTypes.STRING(255), allowNull: false },
      contactName: { type: DataTypes.STRING(32), allowNull: true },
      contactPhone: { type: DataTypes.STRING(20), allowNull: true },
      lat: { type: DataTypes.DOUBLE, allowNull: true },
      lng: { type: DataTypes.DOUBLE, allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'warehouses' },
  );
  Product.init(
    {
      id: idColumn(),
      ownerKind: { type: DataTypes.STRING(16), allowNull: false },
      ownerId: { type: DataTypes.INTEGER, allowNull: false },
      title: { type: DataTypes.STRING(120), allowNull: false },
      descriptionHtml: { type: DataTypes.TEXT, allowNull: true },
      images: jsonColumn('images', [] as string[]),
      categoryId: { type: DataTypes.INTEGER, allowNull: true },
      brandId: { type: DataTypes.INTEGER, allowNull: true },
      specDimensions: jsonColumn('specDimensions', [] as SpecDimension[]),
      status: { type: DataTypes.STRING(16), allowNull: false },
      rejectReason: { type: DataTypes.STRING(500), allowNull: true },
      revision: jsonColumn<Revision | null>('revision', null, true),
      revisionStatus: { type: DataTypes.STRING(16), allowNull: true },
      revisionReason: { type: DataTypes.STRING(500), allowNull: true },
      sharedWithDistributors: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      freightTemplateId: { type: DataTypes.INTEGER, allowNull: true },
      minSupplyPrice: moneyColumn('minSupplyPrice'),
      maxSupplyPrice: moneyColumn('maxSupplyPrice'),
      totalStock: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      salesCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      submittedAt: { type: DataTypes.DATE(3), allowNull: true },
      approvedAt: { type: DataTypes.DATE(3), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'products' },
  );
  ProductSku.init(
    {
      id: idColumn(),
      productId: { type: DataTypes.INTEGER, allowNull: false },
      code: { type: DataTypes.STRING(64), allowNull: true },
      specs: jsonColumn('specs', {} as Specs),
      specsKey: { type: DataTypes.STRING(255), allowNull: false },
      supplyPrice: moneyColumn('supplyPrice'),
      suggestedPrice: moneyColumn('suggestedPrice'),
      minRetailPrice: moneyColumn('minRetailPrice', true),
      weightGrams: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      stock: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      status: { type: DataTypes.STRING(16), allowNull: false },
      ...timestamps(),
    },
    { sequelize, tableName: 'product_skus' },
  );
  SkuStock.init(
    {
      id: idColumn(),
      skuId: { type: DataTypes.INTEGER, allowNull: false },
      warehouseId: { type: DataTypes.INTEGER, allowNull: false },
      stock: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      ...timestamps(),
    },
    { sequelize, tableName: 'sku_stocks' },
  );
  ImportJob.init(
    {
      id: idColumn(),
      ownerKind: { type: DataTypes.STRING(16), allowNull: false },
      ownerId: { type: DataTypes.INTEGER, allowNull: false },
      kind: { type: DataTypes.STRING(32), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      total: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      processed: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      succeeded: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      failed: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      errors: jsonColumn('errors', [] as RowError[]),
      fileKey: { type: DataTypes.STRING(255), allowNull: false },
      ...timestamps(),
    },
    { sequelize, tableName: 'import_jobs' },
  );
}

/** Runs after every module's models are initialised. */
export function associateModels(): void {
  Product.hasMany(ProductSku, { foreignKey: 'productId', as: 'skus' });
  ProductSku.belongsTo(Product, { foreignKey: 'productId', as: 'product' });
}
