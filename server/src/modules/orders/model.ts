import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn, moneyColumn, TenantModel, idColumn, tenantIdColumn, timestamps } from '../../core/db/index.js';

export type OrderStatus = 'pending_payment' | 'paid' | 'shipped' | 'received' | 'completed' | 'cancelled' | 'refunded';
export type FulfillmentStatus = 'pending' | 'to_ship' | 'shipped' | 'ready_for_pickup' | 'received' | 'cancelled';
/** `same_city`: delivered by a store within its radius (modules/stores), its fee as the freight. */
export type Delivery = 'express' | 'pickup' | 'same_city';
export type PickupKind = 'community' | 'store';
/** Where an order was sold: the storefront, or a store's till (stores module). */
export type OrderChannel = 'online' | 'counter';

export interface AddressSnapshot {
  name: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
}

export interface AdjustmentSnapshot {
  type: string;
  label: string;
  amount: number;
  /** The adjuster that made it (orders/hooks quoteAdjusters). */
  source?: string;
  /** Its share on each line (by the quote's line index), when it priced lines rather than the order. */
  lines?: Array<{ index: number; amount: number }>;
  onFreight?: boolean;
  /** What it used up (a coupon the shopper held). */
  ref?: { kind: string; id: number };
}

export class Order extends TenantModel<InferAttributes<Order>, InferCreationAttributes<Order>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare orderNo: string;
  declare customerId: number;
  declare status: OrderStatus;
  declare delivery: Delivery;
  declare goodsAmount: number;
  declare freightAmount: number;
  declare discountAmount: number;
  declare payAmount: number;
  declare paidAmount: number;
  declare refundedAmount: number;
  declare adjustments: AdjustmentSnapshot[];
  declare address: AddressSnapshot | null;
  declare remark: string | null;
  declare pickupCode: string | null;
  /** Picked up at a place other than the shop's own point (hooks.ts pickupPlaces): whose place, and its id. */
  declare pickupKind: CreationOptional<PickupKind | null>;
  declare pickupPlaceId: CreationOptional<number | null>;
  declare channel: CreationOptional<OrderChannel>;
  declare expiresAt: Date;
  declare paidAt: Date | null;
  declare shippedAt: Date | null;
  declare receivedAt: Date | null;
  declare completedAt: Date | null;
  declare cancelledAt: Date | null;
  declare cancelReason: string | null;
  declare settled: boolean;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class Fulfillment extends TenantModel<InferAttributes<Fulfillment>, InferCreationAttributes<Fulfillment>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare orderId: number;
  declare ownerKind: 'supplier' | 'tenant';
  declare ownerId: number;
  declare warehouseId: number;
  declare status: FulfillmentStatus;
  declare freightAmount: number;
  /** Freight given back (or held by a refund in flight): only a refund of everything before shipping returns it. */
  declare freightRefunded: CreationOptional<number>;
  declare shippedAt: Date | null;
  declare receivedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class OrderItem extends TenantModel<InferAttributes<OrderItem>, InferCreationAttributes<OrderItem>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare orderId: number;
  declare fulfillmentId: number;
  declare listingId: number;
  declare listingSkuId: number;
  declare productId: number;
  declare skuId: number;
  declare ownerKind: 'supplier' | 'tenant';
  declare ownerId: number;
  declare title: string;
  declare specs: Record<string, string>;
  declare image: string | null;
  declare unitPrice: number;
  declare supplyPrice: number;
  declare quantity: number;
  declare subtotal: number;
  declare discount: number;
  declare paid: number;
  declare feeBps: number;
  declare shippedQuantity: CreationOptional<number>;
  declare refundedQuantity: CreationOptional<number>;
  declare refundedAmount: CreationOptional<number>;
  /** Held by refunds asked for and not yet paid out: no second refund and no shipment may take them. */
  declare refundingQuantity: CreationOptional<number>;
  declare refundingAmount: CreationOptional<number>;
  /** Of the refunded units, those that never shipped (and never will); `cancelling` while their refund is in flight. */
  declare cancelledQuantity: CreationOptional<number>;
  declare cancellingQuantity: CreationOptional<number>;
  declare reviewed: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class Shipment extends TenantModel<InferAttributes<Shipment>, InferCreationAttributes<Shipment>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare fulfillmentId: number;
  declare orderId: number;
  declare carrier: string;
  declare trackingNo: string;
  declare items: Array<{ orderItemId: number; quantity: number }>;
  declare shippedAt: Date;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class OrderHistory extends TenantModel<InferAttributes<OrderHistory>, InferCreationAttributes<OrderHistory>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare orderId: number;
  declare fromStatus: OrderStatus | null;
  declare toStatus: OrderStatus;
  declare actorKind: string;
  declare actorId: number | null;
  declare note: string | null;
  declare createdAt: CreationOptional<Date>;
}

const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });
const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const date = (allowNull = true) => ({ type: DataTypes.DATE(3), allowNull });

/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  Order.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      orderNo: str(32),
      customerId: int(),
      status: str(20),
      delivery: str(16),
      goodsAmount: moneyColumn('goodsAmount'),
      freightAmount: moneyColumn('freightAmount'),
      discountAmount: moneyColumn('discountAmount'),
      payAmount: moneyColumn('payAmount'),
      paidAmount: moneyColumn('paidAmount'),
      refundedAmount: moneyColumn('refundedAmount'),
      adjustments: jsonColumn('adjustments', [] as AdjustmentSnapshot[]),
      address: jsonColumn<AddressSnapshot | null>('address', null, true),
      remark: str(200, true),
      pickupCode: str(16, true),
      pickupKind: str(16, true),
      pickupPlaceId: int(true),
      channel: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'online' },
      expiresAt: date(false),
      paidAt: date(),
      shippedAt: date(),
      receivedAt: date(),
      completedAt: date(),
      cancelledAt: date(),
      cancelReason: str(64, true),
      settled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      ...timestamps(),
    },
    { sequelize, tableName: 'orders' },
  );
  Fulfillment.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      orderId: int(),
      ownerKind: str(16),
      ownerId: int(),
      warehouseId: int(),
      status: str(20),
      freightAmount: moneyColumn('freightAmount'),
      freightRefunded: moneyColumn('freightRefunded'),
      shippedAt: date(),
      receivedAt: date(),
      ...timestamps(),
    },
    { sequelize, tableName: 'fulfillments' },
  );
  OrderItem.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      orderId: int(),
      fulfillmentId: int(),
      listingId: int(),
      listingSkuId: int(),
      productId: int(),
      skuId: int(),
      ownerKind: str(16),
      ownerId: int(),
      title: str(120),
      specs: jsonColumn('specs', {} as Record<string, string>),
      image: str(512, true),
      unitPrice: moneyColumn('unitPrice'),
      supplyPrice: moneyColumn('supplyPrice'),
      quantity: int(),
      subtotal: moneyColumn('subtotal'),
      discount: moneyColumn('discount'),
      paid: moneyColumn('paid'),
      feeBps: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      shippedQuantity: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      refundedQuantity: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      refundedAmount: moneyColumn('refundedAmount'),
      refundingQuantity: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      refundingAmount: moneyColumn('refundingAmount'),
      cancelledQuantity: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      cancellingQuantity: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      reviewed: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      ...timestamps(),
    },
    { sequelize, tableName: 'order_items' },
  );
  Shipment.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      fulfillmentId: int(),
      orderId: int(),
      carrier: str(32),
      trackingNo: str(64),
      items: jsonColumn('items', [] as Array<{ orderItemId: number; quantity: number }>),
      shippedAt: date(false),
      ...timestamps(),
    },
    { sequelize, tableName: 'shipments' },
  );
  OrderHistory.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      orderId: int(),
      fromStatus: str(20, true),
      toStatus: str(20),
      actorKind: str(16),
      actorId: int(true),
      note: str(255, true),
      createdAt: DataTypes.DATE(3),
    },
    { sequelize, tableName: 'order_history', updatedAt: false },
  );
}

/** Runs after every module's models are initialised. */
export function associateModels(): void {
  Order.hasMany(OrderItem, { foreignKey: 'orderId', as: 'items' });
  Order.hasMany(Fulfillment, { foreignKey: 'orderId', as: 'fulfillments' });
}
