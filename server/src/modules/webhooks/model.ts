import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { idColumn, jsonColumn, TenantModel, tenantIdColumn, timestamps } from '../../core/db/index.js';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';
/** Why a delivery exists: the event happened, the merchant replayed a range, or asked again for one. */
export type DeliverySource = 'event' | 'replay';

export class WebhookEndpoint extends TenantModel<InferAttributes<WebhookEndpoint>, InferCreationAttributes<WebhookEndpoint>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare url: string;
  declare types: string[];
  /** The signing secret, encrypted at rest (core/crypto). */
  declare secret: string;
  declare enabled: boolean;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class WebhookDelivery extends TenantModel<InferAttributes<WebhookDelivery>, InferCreationAttributes<WebhookDelivery>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare endpointId: number;
  declare eventId: number;
  declare eventType: string;
  /** The JSON sent, fixed when the delivery is made: a retry or a redelivery sends the same bytes. */
  declare body: string;
  declare source: DeliverySource;
  declare status: DeliveryStatus;
  declare attempts: number;
  declare responseStatus: number | null;
  declare lastError: string | null;
  declare deliveredAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  WebhookEndpoint.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      url: { type: DataTypes.STRING(512), allowNull: false },
      types: jsonColumn<string[]>('types', []),
      secret: { type: DataTypes.STRING(255), allowNull: false },
      enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'webhook_endpoints' },
  );
  WebhookDelivery.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      endpointId: { type: DataTypes.INTEGER, allowNull: false },
      eventId: { type: DataTypes.INTEGER, allowNull: false },
      eventType: { type: DataTypes.STRING(96), allowNull: false },
      body: { type: DataTypes.TEXT('long'), allowNull: false },
      source: { type: DataTypes.STRING(16), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      responseStatus: { type: DataTypes.INTEGER, allowNull: true },
      lastError: { type: DataTypes.STRING(500), allowNull: true },
      deliveredAt: { type: DataTypes.DATE(3), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'webhook_deliveries' },
  );
}
