import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { moneyColumn, TenantModel, idColumn, tenantIdColumn, timestamps } from '../../core/db/index.js';

export type ListingSource = 'supplier' | 'own' | 'brand';
export type ListingStatus = 'on_sale' | 'off_sale';
export type OffReason = 'merchant' | 'supplier_delisted' | 'below_supply_price' | 'out_of_stock';

export class StoreCategory extends TenantModel<InferAttributes<StoreCategory>, InferCreationAttributes<StoreCategory>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare parentId: number | null;
  declare name: string;
  declare sort: number;
  declare iconUrl: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class Listing extends TenantModel<InferAttributes<Listing>, InferCreationAttributes<Listing>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare productId: number;
  declare source: ListingSource;
  declare title: string;
  declare image: string | null;
  declare storeCategoryId: number | null;
  declare status: ListingStatus;
  declare offReason: OffReason | null;
  declare minPrice: number;
  declare salesCount: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class ListingSku extends TenantModel<InferAttributes<ListingSku>, InferCreationAttributes<ListingSku>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare listingId: number;
  declare skuId: number;
  declare price: number;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}


/** How often a shop's shoppers searched for a query on a day (the storefront's hot words). */
export class SearchQuery extends TenantModel<InferAttributes<SearchQuery>, InferCreationAttributes<SearchQuery>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare day: string;
  declare query: string;
  declare searches: number;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  SearchQuery.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      day: { type: DataTypes.STRING(10), allowNull: false },
      query: { type: DataTypes.STRING(64), allowNull: false },
      searches: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      ...timestamps(),
    },
    { sequelize, tableName: 'search_queries' },
  );
  StoreCategory.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      parentId: { type: DataTypes.INTEGER, allowNull: true },
      name: { type: DataTypes.STRING(64), allowNull: false },
      sort: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      iconUrl: { type: DataTypes.STRING(512), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'store_categories' },
  );
  Listing.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      productId: { type: DataTypes.INTEGER, allowNull: false },
      source: { type: DataTypes.STRING(16), allowNull: false },
      title: { type: DataTypes.STRING(120), allowNull: false },
      image: { type: DataTypes.STRING(512), allowNull: true },
      storeCategoryId: { type: DataTypes.INTEGER, allowNull: true },
      status: { type: DataTypes.STRING(16), allowNull: false },
      offReason: { type: DataTypes.STRING(32), allowNull: true },
      minPrice: moneyColumn('minPrice'),
      salesCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      ...timestamps(),
    },
    { sequelize, tableName: 'listings' },
  );
  ListingSku.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      listingId: { type: DataTypes.INTEGER, allowNull: false },
      skuId: { type: DataTypes.INTEGER, allowNull: false },
      price: moneyColumn('price'),
      ...timestamps(),
    },
    { sequelize, tableName: 'listing_skus' },
  );
}

/** Runs after every module's models are initialised. SKU data comes from catalog's read functions (repository.ts), never by a join to its model. */
export function associateModels(): void {
  Listing.hasMany(ListingSku, { foreignKey: 'listingId', as: 'skus' });
}
