import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { idColumn, timestamps } from '../db/index.js';

/**
 * Every SMS and email the platform sends, real or sandboxed: the console shows them and tests
 * read sandboxed codes and links from here.
 */
export class OutboundMessage extends Model<InferAttributes<OutboundMessage>, InferCreationAttributes<OutboundMessage>> {
  declare id: CreationOptional<number>;
  declare tenantId: number | null;
  declare channel: 'sms' | 'email';
  declare recipient: string;
  declare subject: string | null;
  declare body: string;
  declare provider: string;
  declare status: 'sandboxed' | 'sent' | 'failed';
  declare providerRef: string | null;
  declare error: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Runs when the database opens (core/models.ts). */
export function initOutboundMessages(sequelize: Sequelize): void {
  OutboundMessage.init(
    {
      id: idColumn(),
      tenantId: { type: DataTypes.INTEGER, allowNull: true },
      channel: { type: DataTypes.STRING(8), allowNull: false },
      recipient: { type: DataTypes.STRING(191), allowNull: false },
      subject: { type: DataTypes.STRING(255), allowNull: true },
      body: { type: DataTypes.TEXT, allowNull: false },
      provider: { type: DataTypes.STRING(16), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      providerRef: { type: DataTypes.STRING(128), allowNull: true },
      error: { type: DataTypes.TEXT, allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'outbound_messages' },
  );
}
