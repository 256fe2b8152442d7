/** The platform's category tree and brands. */
import { Op, UniqueConstraintError } from 'sequelize';
import type { Ctx } from '../../core/context.js';
import { inTx, withTransaction } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { catalogErrors } from './errors.js';
import { Brand, Category, Product } from './model.js';

export interface CategoryNode {
  id: number;
  name: string;
  parentId: number | null;
  sort: number;
  level: number;
  children: CategoryNode[];
}

const MAX_LEVEL = 3;

export async function categoryTree(ctx: Ctx): Promise<CategoryNode[]> {
  const rows = await Category.findAll({ order: [['level', 'ASC'], ['sort', 'ASC'], ['id', 'ASC']], raw: true, ...inTx(ctx) });
  const nodes = new Map<number, CategoryNode>(rows.map((r) => [r.id, { id: r.id, name: r.name, parentId: r.parentId, sort: r.sort, level: r.level, children: [] }]));
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) (node.parentId ? nodes.get(node.parentId)?.children : roots)?.push(node);
  return roots;
}

/** The category and every category below it, for filters on a branch. */
export async function categoryBranch(ctx: Ctx, id: number): Promise<number[]> {
  const root = await Category.findByPk(id, { raw: true, ...inTx(ctx) });
  if (!root) return [];
  const rows = await Category.findAll({ where: { path: { [Op.like]: `${root.path}%` } }, attributes: ['id'], raw: true, ...inTx(ctx) });
  return rows.map((r) => r.id);
}

export async function assertCategory(ctx: Ctx, id: number | null | undefined): Promise<void> {
  if (id != null && !(await Category.findByPk(id, { attributes: ['id'], ...inTx(ctx) }))) throw catalogErrors.unknownCategory();
}

export async function assertBrand(ctx: Ctx, id: number | null | undefined): Promise<void> {
  if (id != null && !(await Brand.findByPk(id, { attributes: ['id'], ...inTx(ctx) }))) throw catalogErrors.unknownBrand();
}

export async function createCategory(ctx: Ctx, input: { name: string; parentId?: number | null; sort?: number }): Promise<CategoryNode> {
  return withTransaction(ctx, async (tx) => {
    const parent = input.parentId ? await Category.findByPk(input.parentId, inTx(tx)) : null;
    if (input.parentId && !parent) throw catalogErrors.unknownCategory();
    if (parent && parent.level >= MAX_LEVEL) throw catalogErrors.specsMismatch('parentId', `categories go ${MAX_LEVEL} levels deep at most`);
    const row = await Category.create({ name: input.name, parentId: parent?.id ?? null, sort: input.sort ?? 0, level: (parent?.level ?? 0) + 1, path: 'pending' }, inTx(tx));
    await row.update({ path: `${parent?.path ?? '/'}${row.id}/` }, inTx(tx));
    return { id: row.id, name: row.name, parentId: row.parentId, sort: row.sort, level: row.level, children: [] };
  });
}

export async function updateCategory(ctx: Ctx, id: number, input: { name?: string; sort?: number }): Promise<CategoryNode> {
  const row = await Category.findByPk(id, inTx(ctx));
  if (!row) throw notFound('Category');
  await row.update({ ...(input.name ? { name: input.name } : {}), ...(input.sort !== undefined ? { sort: input.sort } : {}) }, inTx(ctx));
  return { id: row.id, name: row.name, parentId: row.parentId, sort: row.sort, level: row.level, children: [] };
}

export async function deleteCategory(ctx: Ctx, id: number): Promise<{ id: number; deleted: true }> {
  return withTransaction(ctx, async (tx) => {
    const row = await Category.findByPk(id, inTx(tx));
    if (!row) throw notFound('Category');
    if ((await Category.count({ where: { parentId: id }, ...inTx(tx) })) || (await Product.count({ where: { categoryId: id }, ...inTx(tx) }))) throw catalogErrors.categoryInUse();
    await row.destroy(inTx(tx));
    return { id, deleted: true as const };
  });
}

export async function listBrands(ctx: Ctx): Promise<Array<{ id: number; name: string; logoUrl: string | null }>> {
  const rows = await Brand.findAll({ order: [['name', 'ASC']], raw: true, ...inTx(ctx) });
  return rows.map((b) => ({ id: b.id, name: b.name, logoUrl: b.logoUrl }));
}

export async function createBrand(ctx: Ctx, input: { name: string; logoUrl?: string | null }) {
  try {
    const b = await Brand.create({ name: input.name, logoUrl: input.logoUrl ?? null }, inTx(ctx));
    return { id: b.id, name: b.name, logoUrl: b.logoUrl };
  } catch (err) {
    if (err instanceof UniqueConstraintError) throw catalogErrors.brandTaken(input.name);
    throw err;
  }
}

export async function brandNames(ctx: Ctx, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await Brand.findAll({ where: { id: ids }, attributes: ['id', 'name'], raw: true, ...inTx(ctx) });
  return new Map(rows.map((r) => [r.id, r.name]));
}
