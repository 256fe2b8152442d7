/** The platform's category tree and brands: platform rows, read by everyone, written by the platform. */
import { Op } from 'sequelize';
import type { Ctx } from '../../../core/context.js';
import { inTx } from '../../../core/db/index.js';
import { Brand, Category } from '../model.js';
import { saveChanges } from './save.js';

export interface CategoryRow {
  id: number;
  parentId: number | null;
  name: string;
  sort: number;
  level: number;
  /** `/1/7/`: the ids from the root down to this category, for reads of a whole branch. */
  path: string;
  feeBps: number | null;
}

export interface BrandRow {
  id: number;
  name: string;
  logoUrl: string | null;
}

const categoryRow = (c: CategoryRow): CategoryRow => ({ id: c.id, parentId: c.parentId, name: c.name, sort: c.sort, level: c.level, path: c.path, feeBps: c.feeBps });
const brandRow = (b: BrandRow): BrandRow => ({ id: b.id, name: b.name, logoUrl: b.logoUrl });

// ---- categories ----

/** The whole tree, a level at a time, each level in its order. */
export async function allCategories(ctx: Ctx): Promise<CategoryRow[]> {
  const rows = await Category.findAll({ order: [['level', 'ASC'], ['sort', 'ASC'], ['id', 'ASC']], raw: true, ...inTx(ctx) });
  return rows.map(categoryRow);
}

export async function findCategory(ctx: Ctx, id: number): Promise<CategoryRow | null> {
  const c = await Category.findByPk(id, { raw: true, ...inTx(ctx) });
  return c ? categoryRow(c) : null;
}

export async function categoryExists(ctx: Ctx, id: number): Promise<boolean> {
  return !!(await Category.findByPk(id, { attributes: ['id'], ...inTx(ctx) }));
}

/** Ids of the categories whose path starts with `path`: a category and everything below it. */
export async function categoryIdsUnder(ctx: Ctx, path: string): Promise<number[]> {
  const rows = await Category.findAll({ where: { path: { [Op.like]: `${path}%` } }, attributes: ['id'], raw: true, ...inTx(ctx) });
  return rows.map((r) => r.id);
}

export async function countChildCategories(ctx: Ctx, parentId: number): Promise<number> {
  return Category.count({ where: { parentId }, ...inTx(ctx) });
}

export async function insertCategory(ctx: Ctx, fields: Omit<CategoryRow, 'id' | 'feeBps'>): Promise<CategoryRow> {
  return categoryRow(await Category.create(fields, inTx(ctx)));
}

/** Writes changes to a category as read (repository/save.ts); returns it as it now is. */
export async function updateCategory(ctx: Ctx, category: CategoryRow, changes: Partial<Pick<CategoryRow, 'name' | 'sort' | 'path'>>): Promise<CategoryRow> {
  return categoryRow(await saveChanges(ctx, Category, category, changes));
}

export async function deleteCategory(ctx: Ctx, id: number): Promise<void> {
  await Category.destroy({ where: { id }, ...inTx(ctx) });
}

// ---- brands ----

export async function allBrands(ctx: Ctx): Promise<BrandRow[]> {
  const rows = await Brand.findAll({ order: [['name', 'ASC']], raw: true, ...inTx(ctx) });
  return rows.map(brandRow);
}

export async function brandExists(ctx: Ctx, id: number): Promise<boolean> {
  return !!(await Brand.findByPk(id, { attributes: ['id'], ...inTx(ctx) }));
}

/** A new brand; a name taken already is refused by the unique key (UniqueConstraintError). */
export async function insertBrand(ctx: Ctx, fields: Omit<BrandRow, 'id'>): Promise<BrandRow> {
  return brandRow(await Brand.create(fields, inTx(ctx)));
}

export async function brandNames(ctx: Ctx, ids: number[]): Promise<Map<number, string>> {
  const rows = await Brand.findAll({ where: { id: ids }, attributes: ['id', 'name'], raw: true, ...inTx(ctx) });
  return new Map(rows.map((r) => [r.id, r.name]));
}
