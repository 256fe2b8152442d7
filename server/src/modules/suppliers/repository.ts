/**
 * Every query of the suppliers module, and the only file that touches its models: suppliers and
 * their people go out as plain rows (SupplierRow, SupplierUserRow). Platform rows: a supplier
 * serves every shop, so nothing here is scoped by tenant; a supplier's people are read by
 * `supplierId`.
 */
import { Op } from 'sequelize';
import type { Ctx } from '../../core/context.js';
import { inTx, paginate, type PageQuery } from '../../core/db/index.js';
import { Supplier, SupplierUser, type QualificationDocument, type SupplierStatus } from './model.js';

export interface SupplierRow {
  id: number;
  companyName: string;
  licenseNo: string;
  contactName: string;
  contactPhone: string | null;
  status: SupplierStatus;
  rejectReason: string | null;
  documents: QualificationDocument[];
  reviewedAt: Date | null;
  reviewedBy: number | null;
  createdAt: Date;
}

export type SupplierUserStatus = 'active' | 'disabled';

export interface SupplierUserRow {
  id: number;
  supplierId: number;
  email: string;
  name: string;
  passwordHash: string;
  isOwner: boolean;
  status: SupplierUserStatus;
}

const supplierRow = (s: Supplier): SupplierRow => ({
  id: Number(s.id),
  companyName: s.companyName,
  licenseNo: s.licenseNo,
  contactName: s.contactName,
  contactPhone: s.contactPhone,
  status: s.status,
  rejectReason: s.rejectReason,
  documents: s.documents,
  reviewedAt: s.reviewedAt,
  reviewedBy: s.reviewedBy === null ? null : Number(s.reviewedBy),
  createdAt: s.createdAt,
});

const userRow = (u: SupplierUser): SupplierUserRow => ({
  id: Number(u.id),
  supplierId: Number(u.supplierId),
  email: u.email,
  name: u.name,
  passwordHash: u.passwordHash,
  isOwner: !!u.isOwner,
  status: u.status,
});

const maybe = <M, R>(row: M | null, to: (m: M) => R): R | null => (row ? to(row) : null);

// ---- suppliers ----

export async function findSupplier(ctx: Ctx, id: number): Promise<SupplierRow | null> {
  return maybe(await Supplier.findByPk(id, inTx(ctx)), supplierRow);
}

/** Company names by supplier id, in one statement (lists that name the supplier of each row). */
export async function supplierNames(ctx: Ctx, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await Supplier.findAll({ where: { id: [...new Set(ids)] }, attributes: ['id', 'companyName'], ...inTx(ctx) });
  return new Map(rows.map((r) => [r.id, r.companyName]));
}

export async function licenseNoExists(ctx: Ctx, licenseNo: string): Promise<boolean> {
  return !!(await Supplier.findOne({ where: { licenseNo }, ...inTx(ctx) }));
}

export type NewSupplierRow = Omit<SupplierRow, 'id' | 'createdAt'>;

/** A second supplier of one licence number is refused by the unique key (UniqueConstraintError on license_no). */
export async function insertSupplier(ctx: Ctx, fields: NewSupplierRow): Promise<SupplierRow> {
  return supplierRow(await Supplier.create(fields, inTx(ctx)));
}

export type SupplierChanges = Partial<Pick<SupplierRow, 'companyName' | 'contactName' | 'contactPhone' | 'documents' | 'status' | 'rejectReason' | 'reviewedAt' | 'reviewedBy'>>;

export async function updateSupplierRow(ctx: Ctx, id: number, changes: SupplierChanges): Promise<void> {
  if (!Object.keys(changes).length) return;
  await Supplier.update(changes, { where: { id }, ...inTx(ctx) });
}

export interface SupplierFilter {
  status?: SupplierStatus;
  /** The company name contains `name`, or the licence number is `licenseNo`. */
  search?: { name: string; licenseNo: string };
}

/** A page of suppliers, newest first, with the total. */
export async function supplierPage(ctx: Ctx, filter: SupplierFilter, page: PageQuery): Promise<{ rows: SupplierRow[]; count: number }> {
  const where = {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.search ? { [Op.or]: [{ companyName: { [Op.like]: `%${filter.search.name}%` } }, { licenseNo: filter.search.licenseNo }] } : {}),
  };
  const { rows, count } = await Supplier.findAndCountAll({ where, order: [['id', 'DESC']], ...paginate(page), ...inTx(ctx) });
  return { rows: rows.map(supplierRow), count };
}

// ---- supplier users ----

/** The session loader's read: the user and their supplier's status, outside any request transaction. */
export async function supplierUserForSession(id: number): Promise<(SupplierUserRow & { supplierStatus: SupplierStatus | null }) | null> {
  const u = await SupplierUser.findByPk(id, { include: [{ model: Supplier, as: 'supplier', attributes: ['status'] }] });
  return u ? { ...userRow(u), supplierStatus: u.supplier?.status ?? null } : null;
}

export async function findSupplierUser(ctx: Ctx, id: number): Promise<SupplierUserRow | null> {
  return maybe(await SupplierUser.findByPk(id, inTx(ctx)), userRow);
}

/** One of this supplier's people. */
export async function findSupplierUserOf(ctx: Ctx, supplierId: number, id: number): Promise<SupplierUserRow | null> {
  return maybe(await SupplierUser.findOne({ where: { supplierId, id }, ...inTx(ctx) }), userRow);
}

/** Whatever its status. */
export async function findSupplierUserByEmail(ctx: Ctx, email: string): Promise<SupplierUserRow | null> {
  return maybe(await SupplierUser.findOne({ where: { email }, ...inTx(ctx) }), userRow);
}

export async function findActiveSupplierUserByEmail(ctx: Ctx, email: string): Promise<SupplierUserRow | null> {
  return maybe(await SupplierUser.findOne({ where: { email, status: 'active' }, ...inTx(ctx) }), userRow);
}

export async function findSupplierOwner(ctx: Ctx, supplierId: number): Promise<SupplierUserRow | null> {
  return maybe(await SupplierUser.findOne({ where: { supplierId, isOwner: true }, ...inTx(ctx) }), userRow);
}

/** Oldest first. */
export async function supplierUsersOf(ctx: Ctx, supplierId: number): Promise<SupplierUserRow[]> {
  return (await SupplierUser.findAll({ where: { supplierId }, order: [['id', 'ASC']], ...inTx(ctx) })).map(userRow);
}

/** A second user of one email is refused by the unique key (UniqueConstraintError). */
export async function insertSupplierUser(ctx: Ctx, fields: Omit<SupplierUserRow, 'id'>): Promise<SupplierUserRow> {
  return userRow(await SupplierUser.create(fields, inTx(ctx)));
}

export async function updateSupplierUserRow(ctx: Ctx, id: number, changes: Partial<Pick<SupplierUserRow, 'status' | 'passwordHash'>>): Promise<void> {
  if (!Object.keys(changes).length) return;
  await SupplierUser.update(changes, { where: { id }, ...inTx(ctx) });
}

/** Suppliers that applied since a time (the platform dashboard). */
export async function countSuppliersSince(ctx: Ctx, since: Date): Promise<number> {
  return Supplier.count({ where: { createdAt: { [Op.gte]: since } }, ...inTx(ctx) });
}
