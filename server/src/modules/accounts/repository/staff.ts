/**
 * Every query of a shop's people: staff, their roles and the invitations to join. Tenant rows, so
 * each function filters on the ctx's tenant (the session loader names the tenant of the token it
 * checks). Plain rows out; which checks a change needs is the services' business.
 */
import { Op } from 'sequelize';
import type { Ctx } from '../../../core/context.js';
import { requireTenantId } from '../../../core/context.js';
import { inTx, paginate, type PageQuery } from '../../../core/db/index.js';
import { Role, Staff, StaffInvitation, type AccountStatus } from '../model.js';
import { countsByRole } from './counts.js';

export type RoleCode = 'admin' | 'finance' | 'agent';

export interface RoleRow {
  id: number;
  name: string;
  code: RoleCode | null;
  permissions: string[];
  builtin: boolean;
}

export interface StaffRow {
  id: number;
  tenantId: number;
  email: string;
  name: string;
  passwordHash: string;
  roleId: number | null;
  isOwner: boolean;
  status: AccountStatus;
  lastLoginAt: Date | null;
  createdAt: Date;
}

/** A staff member with the role they hold, if any. */
export interface StaffWithRole extends StaffRow {
  role: RoleRow | null;
}

export interface InvitationRow {
  id: number;
  email: string;
  roleId: number | null;
  asOwner: boolean;
  invitedBy: number | null;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

const roleRow = (r: Role): RoleRow => ({ id: Number(r.id), name: r.name, code: r.code, permissions: r.permissions, builtin: !!r.builtin });

const staffRow = (s: Staff): StaffRow => ({
  id: Number(s.id),
  tenantId: Number(s.tenantId),
  email: s.email,
  name: s.name,
  passwordHash: s.passwordHash,
  roleId: s.roleId === null ? null : Number(s.roleId),
  isOwner: !!s.isOwner,
  status: s.status,
  lastLoginAt: s.lastLoginAt,
  createdAt: s.createdAt,
});

const withRole = (s: Staff): StaffWithRole => ({ ...staffRow(s), role: s.role ? roleRow(s.role) : null });

const invitationRow = (i: StaffInvitation): InvitationRow => ({
  id: Number(i.id),
  email: i.email,
  roleId: i.roleId === null ? null : Number(i.roleId),
  asOwner: !!i.asOwner,
  invitedBy: i.invitedBy === null ? null : Number(i.invitedBy),
  expiresAt: i.expiresAt,
  acceptedAt: i.acceptedAt,
  revokedAt: i.revokedAt,
  createdAt: i.createdAt,
});

const mine = (ctx: Ctx) => ({ tenantId: requireTenantId(ctx) });
const withRoleInclude = { include: [{ model: Role, as: 'role' }] };

// ---- staff ----

/** The session loader's read: the token names the tenant, there is no request context to take it from. */
export async function staffForSession(tenantId: number, id: number): Promise<StaffWithRole | null> {
  const s = await Staff.findOne({ where: { tenantId, id }, ...withRoleInclude });
  return s ? withRole(s) : null;
}

export async function findStaff(ctx: Ctx, id: number): Promise<StaffWithRole | null> {
  const s = await Staff.findOne({ where: { ...mine(ctx), id }, ...withRoleInclude, ...inTx(ctx) });
  return s ? withRole(s) : null;
}

/** Several staff members' names by id (other modules show who acted). */
export async function staffNameRows(ctx: Ctx, ids: number[]): Promise<Array<{ id: number; name: string }>> {
  if (!ids.length) return [];
  const rows = await Staff.findAll({ attributes: ['id', 'name'], where: { ...mine(ctx), id: [...new Set(ids)] }, ...inTx(ctx) });
  return rows.map((s) => ({ id: s.id, name: s.name }));
}

/** Whatever its status: an email is taken by a disabled member too. */
export async function findStaffByEmail(ctx: Ctx, email: string): Promise<StaffRow | null> {
  const s = await Staff.findOne({ where: { ...mine(ctx), email }, ...inTx(ctx) });
  return s ? staffRow(s) : null;
}

export async function findEnabledStaffByEmail(ctx: Ctx, email: string): Promise<StaffRow | null> {
  const s = await Staff.findOne({ where: { ...mine(ctx), email, status: { [Op.ne]: 'disabled' } }, ...inTx(ctx) });
  return s ? staffRow(s) : null;
}

export async function findOwner(ctx: Ctx): Promise<StaffRow | null> {
  const s = await Staff.findOne({ where: { ...mine(ctx), isOwner: true }, ...inTx(ctx) });
  return s ? staffRow(s) : null;
}

/** A page of the shop's staff with their roles, oldest first, with the total. */
export async function staffPage(ctx: Ctx, filter: { status?: AccountStatus }, page: PageQuery): Promise<{ rows: StaffWithRole[]; count: number }> {
  const { rows, count } = await Staff.findAndCountAll({
    where: { ...mine(ctx), ...(filter.status ? { status: filter.status } : {}) },
    ...withRoleInclude,
    order: [['id', 'ASC']],
    ...paginate(page),
    ...inTx(ctx),
  });
  return { rows: rows.map(withRole), count };
}

export type NewStaffRow = Omit<StaffRow, 'id' | 'tenantId' | 'createdAt'>;

export async function insertStaffRow(ctx: Ctx, fields: NewStaffRow): Promise<StaffRow> {
  return staffRow(await Staff.create({ ...mine(ctx), ...fields }, inTx(ctx)));
}

export type StaffChanges = Partial<Pick<StaffRow, 'name' | 'roleId' | 'status' | 'passwordHash' | 'lastLoginAt'>>;

export async function updateStaffRow(ctx: Ctx, id: number, changes: StaffChanges): Promise<void> {
  if (!Object.keys(changes).length) return;
  await Staff.update(changes, { where: { ...mine(ctx), id }, ...inTx(ctx) });
}

/** Active staff per role id (null: no role). */
export async function activeStaffCountsByRole(ctx: Ctx): Promise<Map<number | null, number>> {
  return countsByRole(await Staff.count({ where: { ...mine(ctx), status: 'active' }, group: ['roleId'], ...inTx(ctx) }));
}

export async function countActiveStaffWithRole(ctx: Ctx, roleId: number): Promise<number> {
  return Staff.count({ where: { ...mine(ctx), roleId, status: 'active' }, ...inTx(ctx) });
}

/** Everybody holding the role, whatever their status. */
export async function staffIdsWithRole(ctx: Ctx, roleId: number): Promise<number[]> {
  const rows = await Staff.findAll({ where: { ...mine(ctx), roleId }, attributes: ['id'], raw: true, ...inTx(ctx) });
  return rows.map((r) => Number(r.id));
}

/** The role is going away: whoever still names it (disabled members) holds none. */
export async function unassignRole(ctx: Ctx, roleId: number): Promise<void> {
  await Staff.update({ roleId: null }, { where: { ...mine(ctx), roleId }, ...inTx(ctx) });
}

// ---- roles ----

export type NewRoleRow = Omit<RoleRow, 'id'>;

export async function insertRoles(ctx: Ctx, roles: NewRoleRow[]): Promise<RoleRow[]> {
  return (await Role.bulkCreate(roles.map((r) => ({ ...mine(ctx), ...r })), inTx(ctx))).map(roleRow);
}

export async function insertRole(ctx: Ctx, fields: NewRoleRow): Promise<RoleRow> {
  return roleRow(await Role.create({ ...mine(ctx), ...fields }, inTx(ctx)));
}

export async function listRoleRows(ctx: Ctx): Promise<RoleRow[]> {
  return (await Role.findAll({ where: mine(ctx), order: [['id', 'ASC']], ...inTx(ctx) })).map(roleRow);
}

export async function findRole(ctx: Ctx, id: number): Promise<RoleRow | null> {
  const r = await Role.findOne({ where: { ...mine(ctx), id }, ...inTx(ctx) });
  return r ? roleRow(r) : null;
}

export async function findRoleByName(ctx: Ctx, name: string): Promise<RoleRow | null> {
  const r = await Role.findOne({ where: { ...mine(ctx), name }, ...inTx(ctx) });
  return r ? roleRow(r) : null;
}

export async function updateRoleRow(ctx: Ctx, id: number, changes: Partial<Pick<RoleRow, 'name' | 'permissions'>>): Promise<void> {
  if (!Object.keys(changes).length) return;
  await Role.update(changes, { where: { ...mine(ctx), id }, ...inTx(ctx) });
}

export async function deleteRoleRow(ctx: Ctx, id: number): Promise<void> {
  await Role.destroy({ where: { ...mine(ctx), id }, ...inTx(ctx) });
}

// ---- invitations ----

export type NewInvitationRow = Omit<InvitationRow, 'id' | 'acceptedAt' | 'revokedAt' | 'createdAt'> & { tokenHash: string };

export async function insertInvitation(ctx: Ctx, fields: NewInvitationRow): Promise<InvitationRow> {
  return invitationRow(await StaffInvitation.create({ ...mine(ctx), ...fields, acceptedAt: null, revokedAt: null }, inTx(ctx)));
}

/** Revokes the pending invitations (neither accepted nor revoked) of an address. */
export async function revokePendingInvitations(ctx: Ctx, email: string, at: Date): Promise<void> {
  await StaffInvitation.update({ revokedAt: at }, { where: { ...mine(ctx), email, acceptedAt: null, revokedAt: null }, ...inTx(ctx) });
}

/** Newest first. */
export async function recentInvitations(ctx: Ctx, limit: number): Promise<InvitationRow[]> {
  return (await StaffInvitation.findAll({ where: mine(ctx), order: [['id', 'DESC']], limit, ...inTx(ctx) })).map(invitationRow);
}

export async function findInvitation(ctx: Ctx, id: number): Promise<InvitationRow | null> {
  const i = await StaffInvitation.findOne({ where: { ...mine(ctx), id }, ...inTx(ctx) });
  return i ? invitationRow(i) : null;
}

export async function setInvitationRevoked(ctx: Ctx, id: number, at: Date): Promise<void> {
  await StaffInvitation.update({ revokedAt: at }, { where: { ...mine(ctx), id }, ...inTx(ctx) });
}

/** The invitation of this token hash that is neither accepted nor revoked and expires after `now`. */
export async function openInvitation(ctx: Ctx, tokenHash: string, now: Date): Promise<InvitationRow | null> {
  const i = await StaffInvitation.findOne({
    where: { ...mine(ctx), tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { [Op.gt]: now } },
    ...inTx(ctx),
  });
  return i ? invitationRow(i) : null;
}

/** Marks it accepted only if nobody did first: 1 when this call claimed it, 0 otherwise. */
export async function claimInvitation(ctx: Ctx, id: number, at: Date): Promise<number> {
  const [claimed] = await StaffInvitation.update({ acceptedAt: at }, { where: { ...mine(ctx), id, acceptedAt: null }, ...inTx(ctx) });
  return claimed;
}
