import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn, moneyColumn, TenantModel, idColumn, tenantIdColumn, timestamps } from '../../core/db/index.js';

/** `till`: paid at a store's counter (cash, card or a scanned code), recorded by the stores module. */
export type PaymentMethod = 'sandbox' | 'wechat' | 'alipay' | 'balance' | 'till';
export type PaymentPurpose = 'order' | 'recharge';
export type PaymentStatus = 'pending' | 'succeeded' | 'closed';

export class Payment extends TenantModel<InferAttributes<Payment>, InferCreationAttributes<Payment>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare customerId: number;
  declare orderId: number | null;
  declare purpose: PaymentPurpose;
  declare method: PaymentMethod;
  declare amount: number;
  declare status: PaymentStatus;
  declare outTradeNo: string;
  declare providerTradeNo: string | null;
  declare refundedAmount: number;
  declare params: Record<string, string> | null;
  declare notifyCount: CreationOptional<number>;
  declare paidAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export type RefundStatus = 'pending' | 'succeeded' | 'failed';

export class Refund extends TenantModel<InferAttributes<Refund>, InferCreationAttributes<Refund>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare paymentId: number;
  declare orderId: number | null;
  declare aftersaleId: number | null;
  declare amount: number;
  declare status: RefundStatus;
  declare outRefundNo: string;
  declare providerRefundId: string | null;
  declare reason: string | null;
  declare details: Record<string, unknown> | null;
  declare error: string | null;
  declare succeededAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export type AccountProvider = 'wechat' | 'alipay';

/**
 * A shop's own account at a payment gateway (one per gateway). The columns were named for WeChat
 * Pay; an Alipay account keeps its app_id in `mchid` and its partner id (seller) in `subMchid`.
 * The keys are sealed with APP_SECRET (payment-account.ts).
 */
export class PaymentAccount extends TenantModel<InferAttributes<PaymentAccount>, InferCreationAttributes<PaymentAccount>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare provider: AccountProvider;
  declare mode: 'direct' | 'partner';
  declare mchid: string;
  declare subMchid: string | null;
  declare appid: string | null;
  declare serialNo: string | null;
  declare secretsEncrypted: string | null;
  declare platformCerts: Array<{ serialNo: string; publicKeyPem: string }>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  Payment.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      customerId: { type: DataTypes.INTEGER, allowNull: false },
      orderId: { type: DataTypes.INTEGER, allowNull: true },
      purpose: { type: DataTypes.STRING(16), allowNull: false },
      method: { type: DataTypes.STRING(16), allowNull: false },
      amount: moneyColumn('amount'),
      status: { type: DataTypes.STRING(20), allowNull: false },
      outTradeNo: { type: DataTypes.STRING(40), allowNull: false },
      providerTradeNo: { type: DataTypes.STRING(64), allowNull: true },
      refundedAmount: moneyColumn('refundedAmount'),
      params: jsonColumn<Record<string, string> | null>('params', null, true),
      notifyCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      paidAt: { type: DataTypes.DATE(3), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'payments' },
  );
  Refund.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      paymentId: { type: DataTypes.INTEGER, allowNull: false },
      orderId: { type: DataTypes.INTEGER, allowNull: true },
      aftersaleId: { type: DataTypes.INTEGER, allowNull: true },
      amount: moneyColumn('amount'),
      status: { type: DataTypes.STRING(16), allowNull: false },
      outRefundNo: { type: DataTypes.STRING(40), allowNull: false },
      providerRefundId: { type: DataTypes.STRING(64), allowNull: true },
      reason: { type: DataTypes.STRING(255), allowNull: true },
      details: jsonColumn<Record<string, unknown> | null>('details', null, true),
      error: { type: DataTypes.STRING(500), allowNull: true },
      succeededAt: { type: DataTypes.DATE(3), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'refunds' },
  );
  PaymentAccount.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      provider: { type: DataTypes.STRING(16), allowNull: false },
      mode: { type: DataTypes.STRING(16), allowNull: false },
      mchid: { type: DataTypes.STRING(32), allowNull: false },
      subMchid: { type: DataTypes.STRING(32), allowNull: true },
      appid: { type: DataTypes.STRING(32), allowNull: true },
      serialNo: { type: DataTypes.STRING(64), allowNull: true },
      secretsEncrypted: { type: DataTypes.TEXT, allowNull: true },
      platformCerts: jsonColumn('platformCerts', [] as Array<{ serialNo: string; publicKeyPem: string }>, true),
      ...timestamps(),
    },
    { sequelize, tableName: 'payment_accounts' },
  );
}
