/**
 * A shop's DIY pages: the merchant edits a draft, each publish freezes it as a new numbered version
 * (the storefront shows the latest published one), any version can be read back and restored into
 * the draft. See CONTEXT.md.
 */
import { UniqueConstraintError } from 'sequelize';
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { staffByEmail } from '../accounts/index.js';
import { pagesErrors } from './errors.js';
import * as repo from './repository.js';
import type { PageRow, StoredBlock, VersionRow, VersionSummaryRow } from './repository.js';
import { cachedPublished, forgetPublished, resolveBlocks, type PageView } from './resolve.js';
import { sanitizeRichText } from '../../core/rich-text.js';
import type { BlockInput, PageBody, PageUpdate } from './schemas.js';

export interface PageSummary {
  id: number;
  kind: repo.PageKind;
  title: string;
  status: 'draft' | 'published';
  publishedVersion: number | null;
  publishedAt: Date | null;
  hasUnpublishedChanges: boolean;
  updatedAt: Date;
}

export interface PageDetail extends PageSummary {
  blocks: BlockInput[];
  versions: VersionSummaryRow[];
}

/** Rich text is kept only as the storefront may show it. */
function cleanBlocks(blocks: BlockInput[]): StoredBlock[] {
  return blocks.map((b) => (b.type === 'richtext' ? { type: b.type, props: { html: sanitizeRichText(b.props.html) } } : b));
}

/** Stored blocks were validated on the way in. */
const asBlocks = (blocks: StoredBlock[]) => blocks as BlockInput[];

function summary(p: PageRow): PageSummary {
  return {
    id: p.id,
    kind: p.kind,
    title: p.title,
    status: p.publishedVersion === null ? 'draft' : 'published',
    publishedVersion: p.publishedVersion,
    publishedAt: p.publishedAt,
    hasUnpublishedChanges: p.publishedAt === null || p.draftUpdatedAt.getTime() > p.publishedAt.getTime(),
    updatedAt: p.draftUpdatedAt,
  };
}

async function mustFind(ctx: Ctx, id: number, opts: { lock?: boolean } = {}): Promise<PageRow> {
  const page = await repo.findPage(ctx, id, opts);
  if (!page) throw notFound('Page');
  return page;
}

export async function listPages(ctx: Ctx): Promise<PageSummary[]> {
  return (await repo.listPages(ctx)).map(summary);
}

export async function getPage(ctx: Ctx, id: number): Promise<PageDetail> {
  const page = await mustFind(ctx, id);
  return { ...summary(page), blocks: asBlocks(page.blocks), versions: await repo.listVersions(ctx, id) };
}

export async function createPage(ctx: Ctx, body: PageBody): Promise<{ id: number; status: 'draft' }> {
  try {
    const page = await repo.insertPage(ctx, { kind: body.kind, title: body.title, blocks: cleanBlocks(body.blocks), at: clock.now() });
    return { id: page.id, status: 'draft' };
  } catch (err) {
    if (err instanceof UniqueConstraintError) throw pagesErrors.homePageExists();
    throw err;
  }
}

export async function updateDraft(ctx: Ctx, id: number, body: PageUpdate): Promise<PageDetail> {
  await mustFind(ctx, id);
  await repo.updatePage(ctx, id, {
    ...(body.title !== undefined ? { title: body.title } : {}),
    ...(body.blocks !== undefined ? { blocks: cleanBlocks(body.blocks) } : {}),
    draftUpdatedAt: clock.now(),
  });
  return getPage(ctx, id);
}

/** Who published, by name, for the version history (kept with the version: a staff member may leave). */
async function publisherName(ctx: Ctx): Promise<{ id: number | null; name: string | null }> {
  if (ctx.actor.kind !== 'merchant') return { id: null, name: null };
  const staff = await staffByEmail(ctx, ctx.actor.email);
  return { id: ctx.actor.id, name: staff?.name || ctx.actor.email };
}

/**
 * Freezes the draft as the next version and shows it to shoppers. Parallel publishes of one page
 * queue on its row lock, so each takes the next number; the unique (page, version) key is the
 * guard behind it.
 */
export async function publish(ctx: Ctx, id: number): Promise<{ id: number; status: 'published'; version: number }> {
  const by = await publisherName(ctx);
  return withTransaction(ctx, async (tx) => {
    const page = await mustFind(tx, id, { lock: true });
    const version = page.latestVersion + 1;
    const at = clock.now();
    await repo.insertVersion(tx, { pageId: id, version, title: page.title, blocks: page.blocks, publishedBy: by.id, publishedByName: by.name });
    await repo.updatePage(tx, id, { latestVersion: version, publishedVersion: version, publishedAt: at });
    await forgetPublished(tx, id, page.kind === 'home');
    return { id, status: 'published' as const, version };
  });
}

async function mustFindVersion(ctx: Ctx, id: number, version: number): Promise<VersionRow> {
  await mustFind(ctx, id);
  const found = await repo.findVersion(ctx, id, version);
  if (!found) throw notFound('Page version');
  return found;
}

export async function getVersion(ctx: Ctx, id: number, version: number) {
  const { pageId: _pageId, blocks, ...rest } = await mustFindVersion(ctx, id, version);
  return { ...rest, blocks: asBlocks(blocks) };
}

/** Copies a version into the draft; what shoppers see changes only with the next publish. */
export async function restoreVersion(ctx: Ctx, id: number, version: number): Promise<PageDetail> {
  const found = await mustFindVersion(ctx, id, version);
  await repo.updatePage(ctx, id, { title: found.title, blocks: found.blocks, draftUpdatedAt: clock.now() });
  return getPage(ctx, id);
}

export async function deletePage(ctx: Ctx, id: number): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const page = await mustFind(tx, id, { lock: true });
    if (page.kind === 'home') throw pagesErrors.homePageKept();
    await repo.deletePage(tx, id);
    await forgetPublished(tx, id, false);
  });
}

/** The draft as the storefront would show it (the editor's preview). */
export async function previewDraft(ctx: Ctx, id: number): Promise<PageView> {
  const page = await mustFind(ctx, id);
  return { id: page.id, version: page.publishedVersion ?? 0, title: page.title, blocks: await resolveBlocks(ctx, asBlocks(page.blocks)) };
}

/** Blocks not saved yet, resolved as the storefront would (rich text cleaned as a save would). */
export async function previewBlocks(ctx: Ctx, blocks: BlockInput[]) {
  return { blocks: await resolveBlocks(ctx, asBlocks(cleanBlocks(blocks))) };
}

async function publishedView(ctx: Ctx, page: PageRow | null): Promise<PageView | null> {
  if (!page || page.publishedVersion === null) return null;
  const version = await repo.findVersion(ctx, page.id, page.publishedVersion);
  if (!version) return null;
  return { id: page.id, version: version.version, title: version.title, blocks: await resolveBlocks(ctx, asBlocks(version.blocks)) };
}

const orNotFound = (view: PageView | null): PageView => {
  if (!view) throw notFound('Page');
  return view;
};

/** The published home page, resolved; 404 while the shop has none (the storefront shows its default home). */
export async function shopHome(ctx: Ctx): Promise<PageView> {
  return orNotFound(await publishedHome(ctx));
}

/** The published home page, resolved, or null while the shop has none. */
export async function publishedHome(ctx: Ctx): Promise<PageView | null> {
  return cachedPublished(ctx, 'home', async () => publishedView(ctx, await repo.findHomePage(ctx)));
}

export async function shopPage(ctx: Ctx, id: number): Promise<PageView> {
  return orNotFound(await cachedPublished(ctx, id, async () => publishedView(ctx, await repo.findPage(ctx, id))));
}
