import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn, idColumn, tenantIdColumn, timestamps } from '../../core/db/index.js';

export type TenantStatus = 'active' | 'suspended';
export type TenantKind = 'merchant' | 'brand_owner';
export type Plan = 'trial' | 'basic' | 'pro';

/** `{ [module]: section }`, each section owned by its module's schema (core/settings). */
export type StoredSettings = Record<string, unknown>;

export class Tenant extends Model<InferAttributes<Tenant>, InferCreationAttributes<Tenant>> {
  declare id: CreationOptional<number>;
  declare slug: string;
  declare name: string;
  declare kind: TenantKind;
  declare parentId: number | null;
  declare status: TenantStatus;
  declare plan: Plan;
  declare planExpiresAt: Date | null;
  declare settings: StoredSettings;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class TenantDomain extends Model<InferAttributes<TenantDomain>, InferCreationAttributes<TenantDomain>> {
  declare id: CreationOptional<number>;
  declare tenantId: number;
  declare domain: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class TenantApp extends Model<InferAttributes<TenantApp>, InferCreationAttributes<TenantApp>> {
  declare id: CreationOptional<number>;
  declare tenantId: number;
  declare appid: string;
  declare channel: 'wechat_mp';
  declare secretEncrypted: string | null;
  /** Authorized to the platform's WeChat third-party platform (modules/miniprogram): sign-in goes through the component, no secret. */
  declare viaPlatform: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  Tenant.init(
    {
      id: idColumn(),
      slug: { type: DataTypes.STRING(32), allowNull: false },
      name: { type: DataTypes.STRING(64), allowNull: false },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      parentId: { type: DataTypes.INTEGER, allowNull: true },
      status: { type: DataTypes.STRING(16), allowNull: false },
      plan: { type: DataTypes.STRING(16), allowNull: false },
      planExpiresAt: { type: DataTypes.DATE(3), allowNull: true },
      settings: jsonColumn<StoredSettings>('settings', {}),
      ...timestamps(),
    },
    { sequelize, tableName: 'tenants' },
  );
  TenantDomain.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      domain: { type: DataTypes.STRING(253), allowNull: false },
      ...timestamps(),
    },
    { sequelize, tableName: 'tenant_domains' },
  );
  TenantApp.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      appid: { type: DataTypes.STRING(32), allowNull: false },
      channel: { type: DataTypes.STRING(16), allowNull: false },
      secretEncrypted: { type: DataTypes.TEXT, allowNull: true },
      viaPlatform: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      ...timestamps(),
    },
    { sequelize, tableName: 'tenant_apps' },
  );
}

/** Runs after every module's models are initialised. */
export function associateModels(): void {
  TenantApp.belongsTo(Tenant, { foreignKey: 'tenantId', as: 'tenant' });
  TenantDomain.belongsTo(Tenant, { foreignKey: 'tenantId', as: 'tenant' });
}
