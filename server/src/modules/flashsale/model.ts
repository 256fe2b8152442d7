import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { idColumn, moneyColumn, TenantModel, tenantIdColumn, timestamps } from '../../core/db/index.js';

/** A session: a name and a window; its status follows from the clock (ending early moves `endsAt`). */
export class FlashSale extends TenantModel<InferAttributes<FlashSale>, InferCreationAttributes<FlashSale>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare name: string;
  declare startsAt: Date;
  declare endsAt: Date;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** A listing SKU of a session at its sale price; `sold` never passes `stock` (a conditional update). */
export class FlashSaleItem extends TenantModel<InferAttributes<FlashSaleItem>, InferCreationAttributes<FlashSaleItem>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare saleId: number;
  declare skuId: number;
  declare listingId: number;
  declare price: number;
  declare stock: number;
  declare sold: CreationOptional<number>;
  declare perShopperLimit: number;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Units of an item a shopper holds in unpaid or paid orders: the per-shopper limit's guard. */
export class FlashSaleBuyer extends TenantModel<InferAttributes<FlashSaleBuyer>, InferCreationAttributes<FlashSaleBuyer>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare itemId: number;
  declare customerId: number;
  declare bought: number;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export type FlashOrderStatus = 'placed' | 'paid' | 'released';

/** An order bought through an item: released when cancelled unpaid, paid when paid (the figures). */
export class FlashSaleOrder extends TenantModel<InferAttributes<FlashSaleOrder>, InferCreationAttributes<FlashSaleOrder>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare saleId: number;
  declare itemId: number;
  declare customerId: number;
  declare orderId: number;
  declare quantity: number;
  declare amount: number;
  declare status: FlashOrderStatus;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

const ref = () => ({ type: DataTypes.INTEGER, allowNull: false });
const count = (defaultValue?: number) => ({ type: DataTypes.INTEGER, allowNull: false, ...(defaultValue === undefined ? {} : { defaultValue }) });

/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  FlashSale.init(
    { id: idColumn(), tenantId: tenantIdColumn(), name: { type: DataTypes.STRING(64), allowNull: false }, startsAt: { type: DataTypes.DATE(3), allowNull: false }, endsAt: { type: DataTypes.DATE(3), allowNull: false }, ...timestamps() },
    { sequelize, tableName: 'flash_sales' },
  );
  FlashSaleItem.init(
    { id: idColumn(), tenantId: tenantIdColumn(), saleId: ref(), skuId: ref(), listingId: ref(), price: moneyColumn('price'), stock: count(), sold: count(0), perShopperLimit: count(), ...timestamps() },
    { sequelize, tableName: 'flash_sale_items' },
  );
  FlashSaleBuyer.init(
    { id: idColumn(), tenantId: tenantIdColumn(), itemId: ref(), customerId: ref(), bought: count(0), ...timestamps() },
    { sequelize, tableName: 'flash_sale_buyers' },
  );
  FlashSaleOrder.init(
    { id: idColumn(), tenantId: tenantIdColumn(), saleId: ref(), itemId: ref(), customerId: ref(), orderId: ref(), quantity: count(), amount: moneyColumn('amount'), status: { type: DataTypes.STRING(16), allowNull: false }, ...timestamps() },
    { sequelize, tableName: 'flash_sale_orders' },
  );
}
