/**
 * A shop's own account at a payment gateway (one per gateway), shared by the gateways' set-up
 * modules: what identifies the account is stored plainly, its keys encrypted at rest with
 * APP_SECRET and never returned in answers. The columns were named for WeChat Pay; an Alipay
 * account keeps its app_id in `mchid` and its partner id (seller) in `subMchid`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { decryptSecret, encryptSecret } from '../../core/crypto.js';
import { inTx, jsonColumn, TenantModel, idColumn, tenantIdColumn, timestamps } from '../../core/db/index.js';

export type AccountProvider = 'wechat' | 'alipay';

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
export function initPaymentAccounts(sequelize: Sequelize): void {
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

export type AccountValues = Omit<InferCreationAttributes<PaymentAccount>, 'id' | 'tenantId' | 'provider' | 'createdAt' | 'updatedAt'>;

export async function accountOf(ctx: Ctx, provider: AccountProvider): Promise<PaymentAccount | null> {
  return PaymentAccount.findOne({ where: { tenantId: requireTenantId(ctx), provider }, ...inTx(ctx) });
}

/** Creates or replaces the shop's account at this gateway. */
export async function saveAccount(ctx: Ctx, provider: AccountProvider, values: AccountValues): Promise<PaymentAccount> {
  const tenantId = requireTenantId(ctx);
  const existing = await accountOf(ctx, provider);
  if (existing) await existing.update(values, inTx(ctx));
  else await PaymentAccount.create({ tenantId, provider, ...values }, inTx(ctx));
  return (await accountOf(ctx, provider))!;
}

export const sealSecrets = (secrets: object): string => encryptSecret(JSON.stringify(secrets));
export const openSecrets = <T>(sealed: string): T => JSON.parse(decryptSecret(sealed)) as T;

/** A key from the environment: the PEM (or base64) itself, or the path of a file holding it. */
export function keyFromEnv(value: string | undefined): string {
  if (!value) return '';
  return !value.includes('BEGIN') && existsSync(value) ? readFileSync(value, 'utf8') : value;
}

/** Forgets the shop's account at this gateway (an Alipay shop then falls back to the platform's app, if any). */
export async function removeAccount(ctx: Ctx, provider: AccountProvider): Promise<void> {
  await PaymentAccount.destroy({ where: { tenantId: requireTenantId(ctx), provider }, ...inTx(ctx) });
}
