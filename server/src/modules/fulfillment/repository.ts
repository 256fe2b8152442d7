/**
 * Every query of the fulfillment module, and the only file that touches its models: freight
 * templates and parcels leave here as plain rows. Both tables are platform-level (an owner's
 * templates serve every shop that sells its goods; a parcel is the same whichever shop it
 * carries), so no statement filters on a tenant.
 */
import type { Ctx } from '../../core/context.js';
import { inTx, parseJson, platformRows } from '../../core/db/index.js';
import type { Owner } from '../../core/owner.js';
import { FREE_RULE, FreightTemplate, Parcel, type FreightMode, type FreightRule, type RegionRule } from './model.js';
import type { TrackingEvent, TrackingState } from './tracking/types.js';

export interface TemplateRow {
  id: number;
  name: string;
  mode: FreightMode;
  defaultRule: FreightRule;
  regionRules: RegionRule[];
  freeThreshold: number | null;
  isDefault: boolean;
}

/** What pricing reads of a template (every quote does, through a near cache). */
export type PricingTemplateRow = Omit<TemplateRow, 'name'>;

export type TemplateFields = Omit<TemplateRow, 'id'>;

export interface ParcelRow {
  id: number;
  carrier: string;
  trackingNo: string;
  state: TrackingState;
  events: TrackingEvent[];
  subscribed: boolean;
  lastTrackedAt: Date | null;
}

export type ParcelChanges = Partial<Pick<ParcelRow, 'state' | 'events' | 'subscribed' | 'lastTrackedAt'>>;

const templateRow = (t: FreightTemplate): TemplateRow => ({ id: t.id, name: t.name, mode: t.mode, defaultRule: t.defaultRule, regionRules: t.regionRules, freeThreshold: t.freeThreshold, isDefault: t.isDefault });

const parcelRow = (p: Parcel): ParcelRow => ({ id: p.id, carrier: p.carrier, trackingNo: p.trackingNo, state: p.state, events: p.events, subscribed: p.subscribed, lastTrackedAt: p.lastTrackedAt });

const ownedBy = (owner: Owner) => ({ ownerKind: owner.kind, ownerId: owner.id });

// ---- freight templates ----

export async function templatesOfOwner(ctx: Ctx, owner: Owner): Promise<TemplateRow[]> {
  return (await FreightTemplate.findAll({ where: ownedBy(owner), order: [['id', 'ASC']], ...inTx(ctx) })).map(templateRow);
}

export async function findTemplate(ctx: Ctx, owner: Owner, id: number): Promise<TemplateRow | null> {
  const t = await FreightTemplate.findOne({ where: { ...ownedBy(owner), id }, ...inTx(ctx) });
  return t ? templateRow(t) : null;
}

export async function templateExists(ctx: Ctx, owner: Owner, id: number): Promise<boolean> {
  return !!(await FreightTemplate.findOne({ where: { ...ownedBy(owner), id }, attributes: ['id'], raw: true, ...inTx(ctx) }));
}

/** The owner's templates as pricing needs them, in one plain read. */
export async function pricingTemplates(ctx: Ctx, owner: Owner): Promise<PricingTemplateRow[]> {
  const rows = await platformRows<{ id: number; mode: FreightMode; defaultRule: string; regionRules: string; freeThreshold: number | string | null; isDefault: number | boolean }>(
    ctx,
    `SELECT id, mode, default_rule AS defaultRule, region_rules AS regionRules, free_threshold AS freeThreshold, is_default AS isDefault
       FROM freight_templates WHERE owner_kind = :kind AND owner_id = :id`,
    { kind: owner.kind, id: owner.id },
  );
  return rows.map((r) => ({
    id: r.id,
    mode: r.mode,
    defaultRule: parseJson<FreightRule>(r.defaultRule, FREE_RULE),
    regionRules: parseJson<RegionRule[]>(r.regionRules, []),
    freeThreshold: r.freeThreshold === null ? null : Number(r.freeThreshold),
    isDefault: !!r.isDefault,
  }));
}

/** The owner's default template, if any, stops being the default. */
export async function clearDefaultTemplate(ctx: Ctx, owner: Owner): Promise<void> {
  await FreightTemplate.update({ isDefault: false }, { where: { ...ownedBy(owner), isDefault: true }, ...inTx(ctx) });
}

export async function insertTemplate(ctx: Ctx, owner: Owner, fields: TemplateFields): Promise<TemplateRow> {
  return templateRow(await FreightTemplate.create({ ...ownedBy(owner), ...fields }, inTx(ctx)));
}

export async function updateTemplate(ctx: Ctx, owner: Owner, id: number, fields: TemplateFields): Promise<void> {
  await FreightTemplate.update(fields, { where: { ...ownedBy(owner), id }, ...inTx(ctx) });
}

/** Deletes the owner's template; the number of rows deleted (0: not the owner's, or gone). */
export async function deleteTemplateRow(ctx: Ctx, owner: Owner, id: number): Promise<number> {
  return FreightTemplate.destroy({ where: { ...ownedBy(owner), id }, ...inTx(ctx) });
}

// ---- parcels ----

export async function findParcel(ctx: Ctx, carrier: string, trackingNo: string): Promise<ParcelRow | null> {
  const p = await Parcel.findOne({ where: { carrier, trackingNo }, ...inTx(ctx) });
  return p ? parcelRow(p) : null;
}

/** A new parcel; a second one of the same carrier and number is refused by the unique key. */
export async function insertParcel(ctx: Ctx, fields: Omit<ParcelRow, 'id'>): Promise<ParcelRow> {
  return parcelRow(await Parcel.create(fields, inTx(ctx)));
}

export async function updateParcel(ctx: Ctx, id: number, changes: ParcelChanges): Promise<void> {
  await Parcel.update(changes, { where: { id }, ...inTx(ctx) });
}
