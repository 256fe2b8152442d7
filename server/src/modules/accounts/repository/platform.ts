/**
 * Every query of the platform's people: platform users and their roles. Platform rows, no tenant.
 * The locks the services rely on are asked for here by name: a role read `lock`ed while it is
 * given or deleted, the other administrators locked while one of them leaves the role.
 */
import { Op } from 'sequelize';
import type { Ctx } from '../../../core/context.js';
import { inTx, paginate, type PageQuery } from '../../../core/db/index.js';
import { PlatformRole, PlatformUser, type AccountStatus, type PlatformRoleCode } from '../model.js';
import { countsByRole } from './counts.js';

export interface PlatformRoleRow {
  id: number;
  name: string;
  code: PlatformRoleCode | null;
  /** A custom role's permissions; built-in roles take theirs from the catalogue. */
  permissions: string[];
  builtin: boolean;
}

export interface PlatformUserRow {
  id: number;
  email: string;
  name: string;
  passwordHash: string;
  roleId: number | null;
  status: AccountStatus;
  createdAt: Date;
}

/** A platform user with the role they hold, if any. */
export interface PlatformUserWithRole extends PlatformUserRow {
  role: PlatformRoleRow | null;
}

const roleRow = (r: PlatformRole): PlatformRoleRow => ({ id: Number(r.id), name: r.name, code: r.code, permissions: r.permissions, builtin: !!r.builtin });

const userRow = (u: PlatformUser): PlatformUserRow => ({
  id: Number(u.id),
  email: u.email,
  name: u.name,
  passwordHash: u.passwordHash,
  roleId: u.roleId === null ? null : Number(u.roleId),
  status: u.status,
  createdAt: u.createdAt,
});

const withRole = (u: PlatformUser): PlatformUserWithRole => ({ ...userRow(u), role: u.role ? roleRow(u.role) : null });
const withRoleInclude = { include: [{ model: PlatformRole, as: 'role' }] };

// ---- users ----

/** The session loader's read, outside any request transaction. */
export async function platformUserForSession(id: number): Promise<PlatformUserWithRole | null> {
  const u = await PlatformUser.findByPk(id, withRoleInclude);
  return u ? withRole(u) : null;
}

export async function findPlatformUser(ctx: Ctx, id: number): Promise<PlatformUserWithRole | null> {
  const u = await PlatformUser.findByPk(id, { ...withRoleInclude, ...inTx(ctx) });
  return u ? withRole(u) : null;
}

/** Whatever its status. */
export async function findPlatformUserByEmail(ctx: Ctx, email: string): Promise<PlatformUserRow | null> {
  const u = await PlatformUser.findOne({ where: { email }, ...inTx(ctx) });
  return u ? userRow(u) : null;
}

export async function findActivePlatformUserByEmail(ctx: Ctx, email: string): Promise<PlatformUserRow | null> {
  const u = await PlatformUser.findOne({ where: { email, status: 'active' }, ...inTx(ctx) });
  return u ? userRow(u) : null;
}

/** A page of platform users with their roles, oldest first, with the total. */
export async function platformUserPage(ctx: Ctx, filter: { status?: AccountStatus }, page: PageQuery): Promise<{ rows: PlatformUserWithRole[]; count: number }> {
  const { rows, count } = await PlatformUser.findAndCountAll({
    where: filter.status ? { status: filter.status } : {},
    ...withRoleInclude,
    order: [['id', 'ASC']],
    ...paginate(page),
    ...inTx(ctx),
  });
  return { rows: rows.map(withRole), count };
}

/** A second user of one email is refused by the unique key (UniqueConstraintError). */
export async function insertPlatformUser(ctx: Ctx, fields: Omit<PlatformUserRow, 'id' | 'createdAt'>): Promise<PlatformUserRow> {
  return userRow(await PlatformUser.create(fields, inTx(ctx)));
}

export type PlatformUserChanges = Partial<Pick<PlatformUserRow, 'name' | 'roleId' | 'status' | 'passwordHash'>>;

export async function updatePlatformUserRow(ctx: Ctx, id: number, changes: PlatformUserChanges): Promise<void> {
  if (!Object.keys(changes).length) return;
  await PlatformUser.update(changes, { where: { id }, ...inTx(ctx) });
}

/** Locks (until commit) the active holders of a role other than `exceptId`, and answers their ids. */
export async function lockActiveHoldersExcept(ctx: Ctx, roleId: number, exceptId: number): Promise<number[]> {
  const rows = await PlatformUser.findAll({ where: { roleId, status: 'active', id: { [Op.ne]: exceptId } }, attributes: ['id'], lock: true, ...inTx(ctx) });
  return rows.map((r) => Number(r.id));
}

/** Active users per role id (null: no role). */
export async function activeUserCountsByRole(ctx: Ctx): Promise<Map<number | null, number>> {
  return countsByRole(await PlatformUser.count({ where: { status: 'active' }, group: ['roleId'], ...inTx(ctx) }));
}

/** Everybody holding the role, whatever their status. */
export async function countUsersWithRole(ctx: Ctx, roleId: number): Promise<number> {
  return PlatformUser.count({ where: { roleId }, ...inTx(ctx) });
}

// ---- roles ----

/** `lock` holds the row until commit (SELECT ... FOR UPDATE). */
export async function findPlatformRole(ctx: Ctx, id: number, lock = false): Promise<PlatformRoleRow | null> {
  const r = await PlatformRole.findByPk(id, { lock, ...inTx(ctx) });
  return r ? roleRow(r) : null;
}

export async function findPlatformRoleByCode(ctx: Ctx, code: string): Promise<PlatformRoleRow | null> {
  const r = await PlatformRole.findOne({ where: { code }, ...inTx(ctx) });
  return r ? roleRow(r) : null;
}

/** Whether a role other than `exceptId` has this name. */
export async function platformRoleNameUsed(ctx: Ctx, name: string, exceptId?: number): Promise<boolean> {
  return !!(await PlatformRole.findOne({ where: { name, ...(exceptId ? { id: { [Op.ne]: exceptId } } : {}) }, ...inTx(ctx) }));
}

export async function listPlatformRoleRows(ctx: Ctx): Promise<PlatformRoleRow[]> {
  return (await PlatformRole.findAll({ order: [['id', 'ASC']], ...inTx(ctx) })).map(roleRow);
}

export async function insertPlatformRole(ctx: Ctx, fields: Omit<PlatformRoleRow, 'id'>): Promise<PlatformRoleRow> {
  return roleRow(await PlatformRole.create(fields, inTx(ctx)));
}

export async function updatePlatformRoleRow(ctx: Ctx, id: number, changes: Partial<Pick<PlatformRoleRow, 'name' | 'permissions'>>): Promise<void> {
  if (!Object.keys(changes).length) return;
  await PlatformRole.update(changes, { where: { id }, ...inTx(ctx) });
}

export async function deletePlatformRoleRow(ctx: Ctx, id: number): Promise<void> {
  await PlatformRole.destroy({ where: { id }, ...inTx(ctx) });
}
