import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { idColumn, TenantModel, tenantIdColumn, timestamps } from '../../core/db/index.js';

export type SubmissionStatus = 'committed' | 'auditing' | 'approved' | 'rejected' | 'delayed' | 'withdrawn' | 'released' | 'failed';

/** The platform's component (one row per component appid): the pushed ticket and the cached token. */
export class WechatOpenComponent extends Model<InferAttributes<WechatOpenComponent>, InferCreationAttributes<WechatOpenComponent>> {
  declare id: CreationOptional<number>;
  declare componentAppid: string;
  /** Encrypted at rest (core/crypto), as the token is. */
  declare verifyTicket: string | null;
  declare ticketAt: Date | null;
  declare accessToken: string | null;
  declare tokenExpiresAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class MiniprogramAuthorizer extends TenantModel<InferAttributes<MiniprogramAuthorizer>, InferCreationAttributes<MiniprogramAuthorizer>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare appid: string;
  declare nickname: string;
  declare principalName: string;
  declare headImg: string | null;
  declare accessToken: string | null;
  declare tokenExpiresAt: Date | null;
  declare refreshToken: string | null;
  declare authorizedAt: Date;
  declare revokedAt: Date | null;
  declare autoRelease: boolean;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class MiniprogramSubmission extends TenantModel<InferAttributes<MiniprogramSubmission>, InferCreationAttributes<MiniprogramSubmission>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare appid: string;
  declare templateId: string;
  declare version: string;
  declare description: string;
  declare status: SubmissionStatus;
  declare reason: string | null;
  declare auditId: string | null;
  /** 1 while the submission is open (committed, auditing, delayed), else null: a unique key keeps one open per shop. */
  declare openSlot: number | null;
  declare submittedAt: Date | null;
  declare decidedAt: Date | null;
  declare releasedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export function initModels(sequelize: Sequelize): void {
  WechatOpenComponent.init(
    {
      id: idColumn(),
      componentAppid: { type: DataTypes.STRING(32), allowNull: false },
      verifyTicket: { type: DataTypes.TEXT('long'), allowNull: true },
      ticketAt: { type: DataTypes.DATE(3), allowNull: true },
      accessToken: { type: DataTypes.TEXT('long'), allowNull: true },
      tokenExpiresAt: { type: DataTypes.DATE(3), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'wechat_open_components' },
  );
  MiniprogramAuthorizer.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      appid: { type: DataTypes.STRING(32), allowNull: false },
      nickname: { type: DataTypes.STRING(64), allowNull: false },
      principalName: { type: DataTypes.STRING(128), allowNull: false },
      headImg: { type: DataTypes.STRING(512), allowNull: true },
      accessToken: { type: DataTypes.TEXT('long'), allowNull: true },
      tokenExpiresAt: { type: DataTypes.DATE(3), allowNull: true },
      refreshToken: { type: DataTypes.TEXT('long'), allowNull: true },
      authorizedAt: { type: DataTypes.DATE(3), allowNull: false },
      revokedAt: { type: DataTypes.DATE(3), allowNull: true },
      autoRelease: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      ...timestamps(),
    },
    { sequelize, tableName: 'miniprogram_authorizers' },
  );
  MiniprogramSubmission.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      appid: { type: DataTypes.STRING(32), allowNull: false },
      templateId: { type: DataTypes.STRING(32), allowNull: false },
      version: { type: DataTypes.STRING(64), allowNull: false },
      description: { type: DataTypes.STRING(500), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      reason: { type: DataTypes.TEXT('long'), allowNull: true },
      auditId: { type: DataTypes.STRING(32), allowNull: true },
      openSlot: { type: DataTypes.INTEGER, allowNull: true },
      submittedAt: { type: DataTypes.DATE(3), allowNull: true },
      decidedAt: { type: DataTypes.DATE(3), allowNull: true },
      releasedAt: { type: DataTypes.DATE(3), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'miniprogram_submissions' },
  );
}
