/**
 * Every query of the pages module, and the only file that touches its models: plain typed rows
 * out, each function taking ctx first and filtering on the ctx's tenant. Pages are read by id or
 * by the home slot (tenant_id, home_slot); versions by (tenant_id, page_id, version).
 */
import { Transaction } from 'sequelize';
import { requireTenantId, type Ctx } from '../../core/context.js';
import { inTx } from '../../core/db/index.js';
import { ShopPage, ShopPageVersion, type PageKind, type StoredBlock } from './model.js';

export type { PageKind, StoredBlock };

export interface PageRow {
  id: number;
  kind: PageKind;
  title: string;
  blocks: StoredBlock[];
  latestVersion: number;
  publishedVersion: number | null;
  publishedAt: Date | null;
  draftUpdatedAt: Date;
  updatedAt: Date;
}

export interface VersionSummaryRow {
  version: number;
  title: string;
  publishedAt: Date;
  publishedBy: string | null;
}

export interface VersionRow extends VersionSummaryRow {
  pageId: number;
  blocks: StoredBlock[];
}

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

const pageRow = (p: ShopPage): PageRow => ({
  id: num(p.id),
  kind: p.kind,
  title: p.title,
  blocks: p.blocks,
  latestVersion: num(p.latestVersion),
  publishedVersion: numOrNull(p.publishedVersion),
  publishedAt: p.publishedAt,
  draftUpdatedAt: p.draftUpdatedAt,
  updatedAt: p.updatedAt,
});

const versionRow = (v: ShopPageVersion): VersionRow => ({
  pageId: num(v.pageId),
  version: num(v.version),
  title: v.title,
  blocks: v.blocks,
  publishedAt: v.createdAt,
  publishedBy: v.publishedByName,
});

const mine = (ctx: Ctx) => ({ tenantId: requireTenantId(ctx) });

// ---- pages ----

/** A new page; a second home page is refused by the unique (tenant_id, home_slot) key (UniqueConstraintError). */
export async function insertPage(ctx: Ctx, values: { kind: PageKind; title: string; blocks: StoredBlock[]; at: Date }): Promise<PageRow> {
  const p = await ShopPage.create(
    { ...mine(ctx), kind: values.kind, homeSlot: values.kind === 'home' ? 1 : null, title: values.title, blocks: values.blocks, publishedVersion: null, publishedAt: null, draftUpdatedAt: values.at },
    inTx(ctx),
  );
  return pageRow(p);
}

/** The shop's pages without their blocks (the list shows titles and states), home first. */
export async function listPages(ctx: Ctx): Promise<PageRow[]> {
  const rows = await ShopPage.findAll({
    where: mine(ctx),
    attributes: { exclude: ['blocks'] },
    order: [['homeSlot', 'DESC'], ['id', 'ASC']],
    ...inTx(ctx),
  });
  return rows.map(pageRow);
}

/** One page; inside a transaction `lock` holds its row until the commit (publishes queue on it). */
export async function findPage(ctx: Ctx, id: number, opts: { lock?: boolean } = {}): Promise<PageRow | null> {
  const p = await ShopPage.findOne({ where: { ...mine(ctx), id }, ...(opts.lock && ctx.transaction ? { lock: Transaction.LOCK.UPDATE } : {}), ...inTx(ctx) });
  return p ? pageRow(p) : null;
}

export async function findHomePage(ctx: Ctx): Promise<PageRow | null> {
  const p = await ShopPage.findOne({ where: { ...mine(ctx), homeSlot: 1 }, ...inTx(ctx) });
  return p ? pageRow(p) : null;
}

export async function updatePage(
  ctx: Ctx,
  id: number,
  changes: Partial<Pick<PageRow, 'title' | 'blocks' | 'draftUpdatedAt' | 'latestVersion' | 'publishedVersion' | 'publishedAt'>>,
): Promise<boolean> {
  const [count] = await ShopPage.update(changes, { where: { ...mine(ctx), id }, ...inTx(ctx) });
  return count === 1;
}

/** The page and its versions (the foreign key cascades on MariaDB; SQLite may not enforce it). */
export async function deletePage(ctx: Ctx, id: number): Promise<boolean> {
  await ShopPageVersion.destroy({ where: { ...mine(ctx), pageId: id }, ...inTx(ctx) });
  return (await ShopPage.destroy({ where: { ...mine(ctx), id }, ...inTx(ctx) })) === 1;
}

// ---- versions ----

/** A published version; a number taken already is refused by the unique key (UniqueConstraintError). */
export async function insertVersion(ctx: Ctx, values: { pageId: number; version: number; title: string; blocks: StoredBlock[]; publishedBy: number | null; publishedByName: string | null }): Promise<void> {
  await ShopPageVersion.create({ ...mine(ctx), ...values }, inTx(ctx));
}

/** A page's versions, newest first, without their blocks. */
export async function listVersions(ctx: Ctx, pageId: number): Promise<VersionSummaryRow[]> {
  const rows = await ShopPageVersion.findAll({
    where: { ...mine(ctx), pageId },
    attributes: ['pageId', 'version', 'title', 'publishedByName', 'createdAt'],
    order: [['version', 'DESC']],
    ...inTx(ctx),
  });
  return rows.map((v) => ({ version: num(v.version), title: v.title, publishedAt: v.createdAt, publishedBy: v.publishedByName }));
}

export async function findVersion(ctx: Ctx, pageId: number, version: number): Promise<VersionRow | null> {
  const v = await ShopPageVersion.findOne({ where: { ...mine(ctx), pageId, version }, ...inTx(ctx) });
  return v ? versionRow(v) : null;
}
