/** The platform's category tree and brands. */
import { UniqueConstraintError } from 'sequelize';
import type { Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { catalogErrors } from './errors.js';
import { countProductsInCategory } from './repository/products.js';
import * as repo from './repository/taxonomy.js';
import type { CategoryRow } from './repository/taxonomy.js';

export interface CategoryNode {
  id: number;
  name: string;
  parentId: number | null;
  sort: number;
  level: number;
  children: CategoryNode[];
}

const MAX_LEVEL = 3;

const node = (r: CategoryRow): CategoryNode => ({ id: r.id, name: r.name, parentId: r.parentId, sort: r.sort, level: r.level, children: [] });

export async function categoryTree(ctx: Ctx): Promise<CategoryNode[]> {
  const nodes = new Map<number, CategoryNode>((await repo.allCategories(ctx)).map((r) => [r.id, node(r)]));
  const roots: CategoryNode[] = [];
  for (const n of nodes.values()) (n.parentId ? nodes.get(n.parentId)?.children : roots)?.push(n);
  return roots;
}

/** The category and every category below it, for filters on a branch. */
export async function categoryBranch(ctx: Ctx, id: number): Promise<number[]> {
  const root = await repo.findCategory(ctx, id);
  if (!root) return [];
  return repo.categoryIdsUnder(ctx, root.path);
}

/** A category's name, or undefined when there is none (a product's may have gone). */
export async function categoryName(ctx: Ctx, id: number | null): Promise<string | undefined> {
  return id ? (await repo.findCategory(ctx, id))?.name : undefined;
}

export async function assertCategory(ctx: Ctx, id: number | null | undefined): Promise<void> {
  if (id != null && !(await repo.categoryExists(ctx, id))) throw catalogErrors.unknownCategory();
}

export async function assertBrand(ctx: Ctx, id: number | null | undefined): Promise<void> {
  if (id != null && !(await repo.brandExists(ctx, id))) throw catalogErrors.unknownBrand();
}

export async function createCategory(ctx: Ctx, input: { name: string; parentId?: number | null; sort?: number }): Promise<CategoryNode> {
  return withTransaction(ctx, async (tx) => {
    const parent = input.parentId ? await repo.findCategory(tx, input.parentId) : null;
    if (input.parentId && !parent) throw catalogErrors.unknownCategory();
    if (parent && parent.level >= MAX_LEVEL) throw catalogErrors.specsMismatch('parentId', `categories go ${MAX_LEVEL} levels deep at most`);
    // the path holds the new id, known only once the row is in
    const row = await repo.insertCategory(tx, { name: input.name, parentId: parent?.id ?? null, sort: input.sort ?? 0, level: (parent?.level ?? 0) + 1, path: 'pending' });
    return node(await repo.updateCategory(tx, row, { path: `${parent?.path ?? '/'}${row.id}/` }));
  });
}

export async function updateCategory(ctx: Ctx, id: number, input: { name?: string; sort?: number }): Promise<CategoryNode> {
  const row = await repo.findCategory(ctx, id);
  if (!row) throw notFound('Category');
  return node(await repo.updateCategory(ctx, row, { ...(input.name ? { name: input.name } : {}), ...(input.sort !== undefined ? { sort: input.sort } : {}) }));
}

export async function deleteCategory(ctx: Ctx, id: number): Promise<{ id: number; deleted: true }> {
  return withTransaction(ctx, async (tx) => {
    if (!(await repo.findCategory(tx, id))) throw notFound('Category');
    if ((await repo.countChildCategories(tx, id)) || (await countProductsInCategory(tx, id))) throw catalogErrors.categoryInUse();
    await repo.deleteCategory(tx, id);
    return { id, deleted: true as const };
  });
}

export async function listBrands(ctx: Ctx): Promise<Array<{ id: number; name: string; logoUrl: string | null }>> {
  return repo.allBrands(ctx);
}

export async function createBrand(ctx: Ctx, input: { name: string; logoUrl?: string | null }) {
  try {
    return await repo.insertBrand(ctx, { name: input.name, logoUrl: input.logoUrl ?? null });
  } catch (err) {
    if (err instanceof UniqueConstraintError) throw catalogErrors.brandTaken(input.name);
    throw err;
  }
}

export async function brandNames(ctx: Ctx, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  return repo.brandNames(ctx, ids);
}
