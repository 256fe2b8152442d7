/** The shop's own navigation: two levels of store categories, listings filed under them. */
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { inTx, withTransaction } from '../../core/db/index.js';
import { conflict, notFound, ValidationError } from '../../core/errors.js';
import { Listing, StoreCategory } from './model.js';

export interface StoreCategoryNode {
  id: number;
  name: string;
  parentId: number | null;
  sort: number;
  iconUrl: string | null;
  children: StoreCategoryNode[];
}

export async function storeCategoryTree(ctx: Ctx): Promise<StoreCategoryNode[]> {
  const rows = await StoreCategory.findAll({ where: { tenantId: requireTenantId(ctx) }, order: [['sort', 'ASC'], ['id', 'ASC']], raw: true, ...inTx(ctx) });
  const nodes = new Map<number, StoreCategoryNode>(rows.map((r) => [r.id, { id: r.id, name: r.name, parentId: r.parentId, sort: r.sort, iconUrl: r.iconUrl, children: [] }]));
  const roots: StoreCategoryNode[] = [];
  for (const node of nodes.values()) (node.parentId ? nodes.get(node.parentId)?.children : roots)?.push(node);
  return roots;
}

/** A category and its children, for a filter on a branch. */
export async function storeCategoryBranch(ctx: Ctx, id: number): Promise<number[]> {
  const tenantId = requireTenantId(ctx);
  const children = await StoreCategory.findAll({ where: { tenantId, parentId: id }, attributes: ['id'], raw: true, ...inTx(ctx) });
  return [id, ...children.map((c) => c.id)];
}

export async function createStoreCategory(ctx: Ctx, input: { name: string; parentId?: number | null; sort?: number; iconUrl?: string | null }): Promise<StoreCategoryNode> {
  const tenantId = requireTenantId(ctx);
  if (input.parentId) {
    const parent = await StoreCategory.findOne({ where: { tenantId, id: input.parentId }, ...inTx(ctx) });
    if (!parent) throw ValidationError.field('parentId', 'no such store category');
    if (parent.parentId) throw ValidationError.field('parentId', 'store categories go two levels deep');
  }
  const row = await StoreCategory.create({ tenantId, name: input.name, parentId: input.parentId ?? null, sort: input.sort ?? 0, iconUrl: input.iconUrl ?? null }, inTx(ctx));
  return { id: row.id, name: row.name, parentId: row.parentId, sort: row.sort, iconUrl: row.iconUrl, children: [] };
}

export async function updateStoreCategory(ctx: Ctx, id: number, input: { name?: string; sort?: number; iconUrl?: string | null }): Promise<StoreCategoryNode> {
  const row = await StoreCategory.findOne({ where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
  if (!row) throw notFound('Store category');
  await row.update(input, inTx(ctx));
  return { id: row.id, name: row.name, parentId: row.parentId, sort: row.sort, iconUrl: row.iconUrl, children: [] };
}

export async function deleteStoreCategory(ctx: Ctx, id: number): Promise<{ id: number; deleted: true }> {
  return withTransaction(ctx, async (tx) => {
    const tenantId = requireTenantId(tx);
    const row = await StoreCategory.findOne({ where: { tenantId, id }, ...inTx(tx) });
    if (!row) throw notFound('Store category');
    if (await StoreCategory.count({ where: { tenantId, parentId: id }, ...inTx(tx) })) throw conflict('category_in_use', 'The category has sub-categories');
    await Listing.update({ storeCategoryId: null }, { where: { tenantId, storeCategoryId: id }, ...inTx(tx) });
    await row.destroy(inTx(tx));
    return { id, deleted: true as const };
  });
}
