/**
 * Every query of the customers module, and the only file that touches its models: shoppers and
 * their address books go out as plain rows (CustomerRow, AddressRow). Tenant rows: each function
 * filters on the ctx's tenant. Checkout reads an address book on the row path (one statement,
 * no instances), the console and the shop through Sequelize; callers cannot tell.
 */
import { Op } from 'sequelize';
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { inTx, paginate, tenantRows, type PageQuery } from '../../core/db/index.js';
import { Address, Customer, type CustomerStatus } from './model.js';

export interface CustomerRow {
  id: number;
  tenantId: number;
  phone: string | null;
  passwordHash: string | null;
  nickname: string | null;
  avatarUrl: string | null;
  wechatOpenid: string | null;
  wechatUnionid: string | null;
  status: CustomerStatus;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export interface AddressRow {
  id: number;
  name: string;
  phone: string;
  regionCode: string | null;
  province: string;
  city: string;
  district: string;
  detail: string;
  lat: number | null;
  lng: number | null;
  isDefault: boolean;
}

const customerRow = (c: Customer): CustomerRow => ({
  id: Number(c.id),
  tenantId: Number(c.tenantId),
  phone: c.phone,
  passwordHash: c.passwordHash,
  nickname: c.nickname,
  avatarUrl: c.avatarUrl,
  wechatOpenid: c.wechatOpenid,
  wechatUnionid: c.wechatUnionid,
  status: c.status,
  lastLoginAt: c.lastLoginAt,
  createdAt: c.createdAt,
});

const addressRow = (a: Pick<Address, 'id' | 'name' | 'phone' | 'regionCode' | 'province' | 'city' | 'district' | 'detail'> & { lat?: number | null; lng?: number | null; isDefault: boolean | number }): AddressRow => ({
  id: Number(a.id),
  name: a.name,
  phone: a.phone,
  regionCode: a.regionCode ?? null,
  province: a.province,
  city: a.city,
  district: a.district,
  detail: a.detail,
  lat: a.lat === null || a.lat === undefined ? null : Number(a.lat),
  lng: a.lng === null || a.lng === undefined ? null : Number(a.lng),
  isDefault: !!a.isDefault,
});

const mine = (ctx: Ctx) => ({ tenantId: requireTenantId(ctx) });

// ---- shoppers ----

/** Just what the session loader checks: is the shopper there, and active. */
export async function customerStatus(ctx: Ctx, id: number): Promise<{ id: number; status: CustomerStatus } | null> {
  const [c] = await tenantRows<{ id: number; status: CustomerStatus }>(ctx, 'SELECT id, status FROM customers WHERE tenant_id = :tenantId AND id = :id', { id });
  return c ? { id: Number(c.id), status: c.status } : null;
}

export async function findCustomer(ctx: Ctx, id: number): Promise<CustomerRow | null> {
  const c = await Customer.findOne({ where: { ...mine(ctx), id }, ...inTx(ctx) });
  return c ? customerRow(c) : null;
}

export async function findCustomerByPhone(ctx: Ctx, phone: string): Promise<CustomerRow | null> {
  const c = await Customer.findOne({ where: { ...mine(ctx), phone }, ...inTx(ctx) });
  return c ? customerRow(c) : null;
}

export async function findCustomerByOpenid(ctx: Ctx, wechatOpenid: string): Promise<CustomerRow | null> {
  const c = await Customer.findOne({ where: { ...mine(ctx), wechatOpenid }, ...inTx(ctx) });
  return c ? customerRow(c) : null;
}

/** A shopper's name and phone, nothing else read. */
export async function customerBriefRow(ctx: Ctx, id: number): Promise<{ id: number; nickname: string | null; phone: string | null } | null> {
  const c = await Customer.findOne({ where: { ...mine(ctx), id }, attributes: ['id', 'nickname', 'phone'], raw: true, ...inTx(ctx) });
  return c ? { id: Number(c.id), nickname: c.nickname, phone: c.phone } : null;
}

/** Several shoppers' names and phones, one statement. */
export async function customerBriefRows(ctx: Ctx, ids: number[]): Promise<Array<{ id: number; nickname: string | null; phone: string | null }>> {
  if (!ids.length) return [];
  const rows = await Customer.findAll({ where: { ...mine(ctx), id: [...new Set(ids)] }, attributes: ['id', 'nickname', 'phone'], raw: true, ...inTx(ctx) });
  return rows.map((c) => ({ id: Number(c.id), nickname: c.nickname, phone: c.phone }));
}

/** Up to `limit` shoppers whose nickname contains the text or whose phone is it (or contains it, when `phone` says so). */
export async function customerIdsMatching(ctx: Ctx, search: CustomerSearch, limit: number): Promise<number[]> {
  const like = { [Op.like]: `%${search.text}%` };
  const phone = search.phone ? [{ phone: search.phone === 'contains' ? like : search.text }] : [];
  const rows = await Customer.findAll({ where: { ...mine(ctx), [Op.or]: [{ nickname: like }, ...phone] }, attributes: ['id'], order: [['id', 'DESC']], limit, raw: true, ...inTx(ctx) });
  return rows.map((c) => Number(c.id));
}

export async function wechatOpenidOf(ctx: Ctx, id: number): Promise<string | null> {
  const c = await Customer.findOne({ where: { ...mine(ctx), id }, attributes: ['wechatOpenid'], ...inTx(ctx) });
  return c?.wechatOpenid ?? null;
}

export type NewCustomerRow = Omit<CustomerRow, 'id' | 'tenantId' | 'createdAt'>;

/** A second shopper of one phone in a shop is refused by the unique key (UniqueConstraintError). */
export async function insertCustomer(ctx: Ctx, fields: NewCustomerRow): Promise<CustomerRow> {
  return customerRow(await Customer.create({ ...mine(ctx), ...fields }, inTx(ctx)));
}

export type CustomerChanges = Partial<Pick<CustomerRow, 'phone' | 'passwordHash' | 'nickname' | 'avatarUrl' | 'wechatUnionid' | 'lastLoginAt'>>;

export async function updateCustomerRow(ctx: Ctx, id: number, changes: CustomerChanges): Promise<void> {
  if (!Object.keys(changes).length) return;
  await Customer.update(changes, { where: { ...mine(ctx), id }, ...inTx(ctx) });
}

/**
 * The console's search: the nickname contains `text`, or the phone contains it (`phone:
 * 'contains'`) or is it (`'equals'`); `phone: null` leaves phones out of the search.
 */
export interface CustomerSearch {
  text: string;
  phone: 'contains' | 'equals' | null;
}

/** A page of the shop's shoppers, newest first, with the total. */
export async function customerPage(ctx: Ctx, search: CustomerSearch | null, page: PageQuery): Promise<{ rows: CustomerRow[]; count: number }> {
  const like = (text: string) => ({ [Op.like]: `%${text}%` });
  const filter = search
    ? { [Op.or]: [{ nickname: like(search.text) }, ...(search.phone ? [{ phone: search.phone === 'contains' ? like(search.text) : search.text }] : [])] }
    : {};
  const { rows, count } = await Customer.findAndCountAll({ where: { ...mine(ctx), ...filter }, order: [['id', 'DESC']], ...paginate(page), ...inTx(ctx) });
  return { rows: rows.map(customerRow), count };
}

// ---- address books ----

const own = (ctx: Ctx, customerId: number) => ({ ...mine(ctx), customerId });

/** The default first, then newest first. */
export async function addressesOf(ctx: Ctx, customerId: number): Promise<AddressRow[]> {
  const rows = await Address.findAll({ where: own(ctx, customerId), order: [['isDefault', 'DESC'], ['id', 'DESC']], ...inTx(ctx) });
  return rows.map(addressRow);
}

/** The book as checkout reads it, in one statement on the row path (in no particular order). */
export async function addressBook(ctx: Ctx, customerId: number): Promise<AddressRow[]> {
  const rows = await tenantRows<AddressRow & { isDefault: number | boolean }>(
    ctx,
    `SELECT id, name, phone, region_code AS regionCode, province, city, district, detail, lat, lng, is_default AS isDefault
       FROM addresses WHERE tenant_id = :tenantId AND customer_id = :customerId`,
    { customerId },
  );
  return rows.map(addressRow);
}

export async function countAddresses(ctx: Ctx, customerId: number): Promise<number> {
  return Address.count({ where: own(ctx, customerId), ...inTx(ctx) });
}

export async function findAddress(ctx: Ctx, customerId: number, id: number): Promise<AddressRow | null> {
  const a = await Address.findOne({ where: { ...own(ctx, customerId), id }, ...inTx(ctx) });
  return a ? addressRow(a) : null;
}

export type NewAddressRow = Omit<AddressRow, 'id'>;

export async function insertAddress(ctx: Ctx, customerId: number, fields: NewAddressRow): Promise<AddressRow> {
  return addressRow(await Address.create({ ...own(ctx, customerId), ...fields }, inTx(ctx)));
}

export async function updateAddressRow(ctx: Ctx, customerId: number, id: number, changes: Partial<NewAddressRow>): Promise<void> {
  if (!Object.keys(changes).length) return;
  await Address.update(changes, { where: { ...own(ctx, customerId), id }, ...inTx(ctx) });
}

/** The shopper's default address, if any, stops being the default. */
export async function clearDefaultAddress(ctx: Ctx, customerId: number): Promise<void> {
  await Address.update({ isDefault: false }, { where: { ...own(ctx, customerId), isDefault: true }, ...inTx(ctx) });
}

export async function deleteAddress(ctx: Ctx, customerId: number, id: number): Promise<void> {
  await Address.destroy({ where: { ...own(ctx, customerId), id }, ...inTx(ctx) });
}
