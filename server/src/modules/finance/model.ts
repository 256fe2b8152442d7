import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn, moneyColumn, idColumn, timestamps } from '../../core/db/index.js';

/**
 * `clearing` holds money on its way back to shoppers: refunds asked for and not yet paid out, payments no order could take.
 * `promoter`: a shopper's commission account (id = customer id), earned as a distributor or community leader.
 */
export type AccountType = 'platform' | 'tenant' | 'supplier' | 'shopper' | 'clearing' | 'promoter';
/** `held`: the account's money waiting to be paid out to it (a pending withdrawal). */
export type Bucket = 'frozen' | 'available' | 'held';
export type WithdrawalStatus = 'pending' | 'paid' | 'rejected';

/** Whose money: the platform (id 0), a shop, a supplier, a shopper, a shopper's commissions (promoter), or clearing (id 0). */
export interface Account {
  type: AccountType;
  id: number;
}

export class LedgerEntry extends Model<InferAttributes<LedgerEntry>, InferCreationAttributes<LedgerEntry>> {
  declare id: CreationOptional<number>;
  declare accountType: AccountType;
  declare accountId: number;
  declare bucket: Bucket;
  declare amount: number;
  declare kind: string;
  declare tenantId: number | null;
  declare orderId: number | null;
  declare refType: string | null;
  declare refId: number | null;
  declare dedupeKey: string;
  declare note: string | null;
  declare createdAt: CreationOptional<Date>;
}

export class Withdrawal extends Model<InferAttributes<Withdrawal>, InferCreationAttributes<Withdrawal>> {
  declare id: CreationOptional<number>;
  declare accountType: 'tenant' | 'supplier';
  declare accountId: number;
  declare amount: number;
  declare status: WithdrawalStatus;
  declare payee: Record<string, string>;
  declare reason: string | null;
  declare reviewedBy: number | null;
  declare reviewedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** The sum of an account's entries per bucket, kept with them so a debit can be guarded by one conditional update. */
export class AccountBalance extends Model<InferAttributes<AccountBalance>, InferCreationAttributes<AccountBalance>> {
  declare id: CreationOptional<number>;
  declare accountType: AccountType;
  declare accountId: number;
  declare available: number;
  declare frozen: number;
  declare held: number;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  AccountBalance.init(
    {
      id: idColumn(),
      accountType: { type: DataTypes.STRING(16), allowNull: false },
      accountId: { type: DataTypes.INTEGER, allowNull: false },
      available: moneyColumn('available'),
      frozen: moneyColumn('frozen'),
      held: moneyColumn('held'),
      ...timestamps(),
    },
    { sequelize, tableName: 'account_balances' },
  );
  LedgerEntry.init(
    {
      id: idColumn(),
      accountType: { type: DataTypes.STRING(16), allowNull: false },
      accountId: { type: DataTypes.INTEGER, allowNull: false },
      bucket: { type: DataTypes.STRING(16), allowNull: false },
      amount: moneyColumn('amount'),
      kind: { type: DataTypes.STRING(32), allowNull: false },
      tenantId: { type: DataTypes.INTEGER, allowNull: true },
      orderId: { type: DataTypes.INTEGER, allowNull: true },
      refType: { type: DataTypes.STRING(16), allowNull: true },
      refId: { type: DataTypes.INTEGER, allowNull: true },
      dedupeKey: { type: DataTypes.STRING(128), allowNull: false },
      note: { type: DataTypes.STRING(255), allowNull: true },
      createdAt: DataTypes.DATE(3),
    },
    { sequelize, tableName: 'ledger_entries', updatedAt: false },
  );
  Withdrawal.init(
    {
      id: idColumn(),
      accountType: { type: DataTypes.STRING(16), allowNull: false },
      accountId: { type: DataTypes.INTEGER, allowNull: false },
      amount: moneyColumn('amount'),
      status: { type: DataTypes.STRING(16), allowNull: false },
      payee: jsonColumn('payee', {} as Record<string, string>),
      reason: { type: DataTypes.STRING(255), allowNull: true },
      reviewedBy: { type: DataTypes.INTEGER, allowNull: true },
      reviewedAt: { type: DataTypes.DATE(3), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'withdrawals' },
  );
}
