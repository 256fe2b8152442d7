/** The shop's own navigation: two levels of store categories, listings filed under them. */
import type { Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/db/index.js';
import { conflict, notFound, ValidationError } from '../../core/errors.js';
import * as repo from './repository.js';

export interface StoreCategoryNode {
  id: number;
  name: string;
  parentId: number | null;
  sort: number;
  iconUrl: string | null;
  children: StoreCategoryNode[];
}

export async function storeCategoryTree(ctx: Ctx): Promise<StoreCategoryNode[]> {
  const rows = await repo.storeCategories(ctx);
  const nodes = new Map<number, StoreCategoryNode>(rows.map((r) => [r.id, { id: r.id, name: r.name, parentId: r.parentId, sort: r.sort, iconUrl: r.iconUrl, children: [] }]));
  const roots: StoreCategoryNode[] = [];
  for (const node of nodes.values()) (node.parentId ? nodes.get(node.parentId)?.children : roots)?.push(node);
  return roots;
}

/** A category and its children, for a filter on a branch. */
export async function storeCategoryBranch(ctx: Ctx, id: number): Promise<number[]> {
  return [id, ...(await repo.childCategoryIds(ctx, id))];
}

export async function createStoreCategory(ctx: Ctx, input: { name: string; parentId?: number | null; sort?: number; iconUrl?: string | null }): Promise<StoreCategoryNode> {
  if (input.parentId) {
    const parent = await repo.findStoreCategory(ctx, input.parentId);
    if (!parent) throw ValidationError.field('parentId', 'no such store category');
    if (parent.parentId) throw ValidationError.field('parentId', 'store categories go two levels deep');
  }
  const row = await repo.insertStoreCategory(ctx, { name: input.name, parentId: input.parentId ?? null, sort: input.sort ?? 0, iconUrl: input.iconUrl ?? null });
  return { ...row, children: [] };
}

export async function updateStoreCategory(ctx: Ctx, id: number, input: { name?: string; sort?: number; iconUrl?: string | null }): Promise<StoreCategoryNode> {
  const row = await repo.findStoreCategory(ctx, id);
  if (!row) throw notFound('Store category');
  const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as typeof input;
  await repo.updateStoreCategory(ctx, id, changes);
  return { ...row, ...changes, children: [] };
}

export async function deleteStoreCategory(ctx: Ctx, id: number): Promise<{ id: number; deleted: true }> {
  return withTransaction(ctx, async (tx) => {
    if (!(await repo.findStoreCategory(tx, id))) throw notFound('Store category');
    if ((await repo.childCategoryIds(tx, id)).length) throw conflict('category_in_use', 'The category has sub-categories');
    await repo.unfileListings(tx, id);
    await repo.deleteStoreCategory(tx, id);
    return { id, deleted: true as const };
  });
}
