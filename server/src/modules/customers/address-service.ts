/** A shopper's address book; one default address, used first at checkout. */
import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { Actor, Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { inTx, TenantModel, tenantRows, withTransaction, idColumn, tenantIdColumn, timestamps } from '../../core/db/index.js';
import { conflict, notFound } from '../../core/errors.js';
import { nearCache } from '../../core/near-cache.js';

export class Address extends TenantModel<InferAttributes<Address>, InferCreationAttributes<Address>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare customerId: number;
  declare name: string;
  declare phone: string;
  declare province: string;
  declare city: string;
  declare district: string;
  declare detail: string;
  declare isDefault: boolean;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Runs when the database opens (listed in the module declaration). */
export function initAddresses(sequelize: Sequelize): void {
  Address.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      customerId: { type: DataTypes.INTEGER, allowNull: false },
      name: { type: DataTypes.STRING(32), allowNull: false },
      phone: { type: DataTypes.STRING(20), allowNull: false },
      province: { type: DataTypes.STRING(32), allowNull: false },
      city: { type: DataTypes.STRING(32), allowNull: false },
      district: { type: DataTypes.STRING(32), allowNull: false },
      detail: { type: DataTypes.STRING(255), allowNull: false },
      isDefault: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      ...timestamps(),
    },
    { sequelize, tableName: 'addresses' },
  );
}

type ShopperCtx = Ctx & { actor: Extract<Actor, { kind: 'shopper' }> };

export interface AddressInput {
  name: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
  isDefault?: boolean;
}

export interface AddressView extends AddressInput {
  id: number;
  isDefault: boolean;
}

const view = (a: Address): AddressView => ({ id: a.id, name: a.name, phone: a.phone, province: a.province, city: a.city, district: a.district, detail: a.detail, isDefault: a.isDefault });

const MAX_ADDRESSES = 30;

/** A shopper's address book as checkout reads it (quote, then order); every change below drops it. */
const books = nearCache<AddressView[]>('address-books', { ttlSeconds: 60, max: 20_000 });
const bookKey = (ctx: ShopperCtx) => `${requireTenantId(ctx)}:${ctx.actor.id}`;
const changed = (ctx: ShopperCtx) => books.invalidate(ctx, bookKey(ctx));

export async function listAddresses(ctx: ShopperCtx): Promise<AddressView[]> {
  const rows = await Address.findAll({ where: { tenantId: requireTenantId(ctx), customerId: ctx.actor.id }, order: [['isDefault', 'DESC'], ['id', 'DESC']], ...inTx(ctx) });
  return rows.map(view);
}

async function clearDefault(ctx: ShopperCtx): Promise<void> {
  await changed(ctx);
  await Address.update({ isDefault: false }, { where: { tenantId: requireTenantId(ctx), customerId: ctx.actor.id, isDefault: true }, ...inTx(ctx) });
}

export async function addAddress(ctx: ShopperCtx, input: AddressInput): Promise<AddressView> {
  return withTransaction(ctx, async (tx) => {
    const tenantId = requireTenantId(tx);
    const count = await Address.count({ where: { tenantId, customerId: ctx.actor.id }, ...inTx(tx) });
    if (count >= MAX_ADDRESSES) throw conflict('address_book_full', `At most ${MAX_ADDRESSES} addresses`);
    const isDefault = input.isDefault ?? count === 0;
    if (isDefault && count > 0) await clearDefault(tx);
    await changed(tx);
    return view(await Address.create({ ...input, tenantId, customerId: ctx.actor.id, isDefault }, inTx(tx)));
  });
}

async function own(ctx: ShopperCtx, id: number): Promise<Address> {
  const a = await Address.findOne({ where: { tenantId: requireTenantId(ctx), customerId: ctx.actor.id, id }, ...inTx(ctx) });
  if (!a) throw notFound('Address');
  return a;
}

export async function updateAddress(ctx: ShopperCtx, id: number, input: Partial<AddressInput>): Promise<AddressView> {
  return withTransaction(ctx, async (tx) => {
    const a = await own(tx, id);
    if (input.isDefault) await clearDefault(tx);
    await a.update(input, inTx(tx));
    await changed(tx);
    return view(a);
  });
}

export async function removeAddress(ctx: ShopperCtx, id: number): Promise<{ id: number; removed: true }> {
  const a = await own(ctx, id);
  await a.destroy(inTx(ctx));
  await changed(ctx);
  return { id, removed: true as const };
}

/** The address an order ships to, checked to be the shopper's own. */
export async function addressForOrder(ctx: ShopperCtx, id: number): Promise<AddressView> {
  const book = await books.get(ctx, bookKey(ctx), async () => {
    const rows = await tenantRows<AddressView & { isDefault: number | boolean }>(
      ctx,
      `SELECT id, name, phone, province, city, district, detail, is_default AS isDefault
         FROM addresses WHERE tenant_id = :tenantId AND customer_id = :customerId`,
      { customerId: ctx.actor.id },
    );
    return rows.map((a) => ({ ...a, isDefault: !!a.isDefault }));
  });
  const a = book.find((b) => b.id === id);
  if (!a) throw notFound('Address');
  return a;
}
