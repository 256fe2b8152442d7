import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { Ctx } from '../../core/context.js';
import { inTx, jsonColumn, moneyColumn, parseJson, platformRows, withTransaction, idColumn, timestamps } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { nearCache } from '../../core/near-cache.js';
import type { Owner } from '../../core/owner.js';

export interface FreightRule {
  /** Pieces (piece mode) or grams (weight mode) covered by the first fee. */
  first: number;
  firstFee: number;
  /** Each further step of this many pieces or grams costs additionalFee. */
  additional: number;
  additionalFee: number;
}

export interface RegionRule extends FreightRule {
  provinces: string[];
}

export class FreightTemplate extends Model<InferAttributes<FreightTemplate>, InferCreationAttributes<FreightTemplate>> {
  declare id: CreationOptional<number>;
  declare ownerKind: 'supplier' | 'tenant';
  declare ownerId: number;
  declare name: string;
  declare mode: 'piece' | 'weight';
  declare defaultRule: FreightRule;
  declare regionRules: RegionRule[];
  declare freeThreshold: number | null;
  declare isDefault: boolean;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** Runs when the database opens (listed in the module declaration). */
export function initFreightTemplates(sequelize: Sequelize): void {
  FreightTemplate.init(
    {
      id: idColumn(),
      ownerKind: { type: DataTypes.STRING(16), allowNull: false },
      ownerId: { type: DataTypes.INTEGER, allowNull: false },
      name: { type: DataTypes.STRING(64), allowNull: false },
      mode: { type: DataTypes.STRING(16), allowNull: false },
      defaultRule: jsonColumn('defaultRule', { first: 1, firstFee: 0, additional: 1, additionalFee: 0 } as FreightRule),
      regionRules: jsonColumn('regionRules', [] as RegionRule[]),
      freeThreshold: moneyColumn('freeThreshold', true),
      isDefault: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      ...timestamps(),
    },
    { sequelize, tableName: 'freight_templates' },
  );
}

export interface TemplateInput {
  name: string;
  mode: 'piece' | 'weight';
  defaultRule: FreightRule;
  regionRules?: RegionRule[];
  freeThreshold?: number | null;
  isDefault?: boolean;
}

export type TemplateView = TemplateInput & { id: number; regionRules: RegionRule[]; freeThreshold: number | null; isDefault: boolean };

const view = (t: FreightTemplate): TemplateView => ({ id: t.id, name: t.name, mode: t.mode, defaultRule: t.defaultRule, regionRules: t.regionRules, freeThreshold: t.freeThreshold, isDefault: t.isDefault });

export async function listTemplates(ctx: Ctx, owner: Owner): Promise<TemplateView[]> {
  return (await FreightTemplate.findAll({ where: { ownerKind: owner.kind, ownerId: owner.id }, order: [['id', 'ASC']], ...inTx(ctx) })).map(view);
}

/** Every quote prices with its owners' templates; they change when the owner edits one. */
const templatesOf = nearCache<PricingTemplate[]>('freight-templates', { ttlSeconds: 60, max: 10_000 });
const ownerKey = (owner: Owner) => `${owner.kind}:${owner.id}`;

export async function saveTemplate(ctx: Ctx, owner: Owner, input: TemplateInput, id?: number): Promise<TemplateView> {
  return withTransaction(ctx, async (tx) => {
    await templatesOf.invalidate(tx, ownerKey(owner));
    const where = { ownerKind: owner.kind, ownerId: owner.id };
    if (input.isDefault) await FreightTemplate.update({ isDefault: false }, { where: { ...where, isDefault: true }, ...inTx(tx) });
    const values = { ...where, name: input.name, mode: input.mode, defaultRule: input.defaultRule, regionRules: input.regionRules ?? [], freeThreshold: input.freeThreshold ?? null, isDefault: input.isDefault ?? false };
    if (id === undefined) return view(await FreightTemplate.create(values, inTx(tx)));
    const row = await FreightTemplate.findOne({ where: { ...where, id }, ...inTx(tx) });
    if (!row) throw notFound('Freight template');
    await row.update(values, inTx(tx));
    return view(row);
  });
}

/** Whether a freight template is this owner's (products may name only their owner's). */
export async function isOwnTemplate(ctx: Ctx, owner: Owner, id: number): Promise<boolean> {
  return !!(await FreightTemplate.findOne({ where: { ownerKind: owner.kind, ownerId: owner.id, id }, attributes: ['id'], raw: true, ...inTx(ctx) }));
}

export async function deleteTemplate(ctx: Ctx, owner: Owner, id: number): Promise<{ id: number; deleted: true }> {
  const row = await FreightTemplate.findOne({ where: { ownerKind: owner.kind, ownerId: owner.id, id }, ...inTx(ctx) });
  if (!row) throw notFound('Freight template');
  await row.destroy(inTx(ctx));
  await templatesOf.invalidate(ctx, ownerKey(owner));
  return { id, deleted: true as const };
}

/** The fee of one rule for some pieces or grams: the first step, then each further (started) step. */
export function ruleFee(rule: FreightRule, units: number): number {
  if (units <= 0) return 0;
  const extra = Math.max(0, units - rule.first);
  return rule.firstFee + (extra > 0 ? Math.ceil(extra / Math.max(1, rule.additional)) * rule.additionalFee : 0);
}

export interface FreightLine {
  freightTemplateId: number | null;
  quantity: number;
  weightGrams: number;
  amount: number;
}

/** Freight of one fulfilment (one owner, one warehouse) to a province. */
type PricingTemplate = Pick<FreightTemplate, 'id' | 'mode' | 'defaultRule' | 'regionRules' | 'freeThreshold' | 'isDefault'>;

/** The owner's templates as pricing needs them, in one plain read (every quote runs this). */
async function pricingTemplates(ctx: Ctx, owner: Owner): Promise<PricingTemplate[]> {
  const rows = await platformRows<{ id: number; mode: 'piece' | 'weight'; defaultRule: string; regionRules: string; freeThreshold: number | string | null; isDefault: number | boolean }>(
    ctx,
    `SELECT id, mode, default_rule AS defaultRule, region_rules AS regionRules, free_threshold AS freeThreshold, is_default AS isDefault
       FROM freight_templates WHERE owner_kind = :kind AND owner_id = :id`,
    { kind: owner.kind, id: owner.id },
  );
  return rows.map((r) => ({
    id: r.id,
    mode: r.mode,
    defaultRule: parseJson<FreightRule>(r.defaultRule, { first: 1, firstFee: 0, additional: 1, additionalFee: 0 }),
    regionRules: parseJson<RegionRule[]>(r.regionRules, []),
    freeThreshold: r.freeThreshold === null ? null : Number(r.freeThreshold),
    isDefault: !!r.isDefault,
  }));
}

export async function freightFor(ctx: Ctx, owner: Owner, province: string, lines: FreightLine[]): Promise<number> {
  const templates = await templatesOf.get(ctx, ownerKey(owner), () => pricingTemplates(ctx, owner));
  const fallback = templates.find((t) => t.isDefault) ?? null;
  const groups = new Map<PricingTemplate, FreightLine[]>();
  for (const line of lines) {
    // a template of another owner is never applied: the owner's default stands in
    const template = templates.find((t) => t.id === line.freightTemplateId) ?? fallback;
    if (!template) continue;
    groups.set(template, [...(groups.get(template) ?? []), line]);
  }
  let total = 0;
  for (const [template, group] of groups) {
    const amount = group.reduce((n, l) => n + l.amount, 0);
    if (template.freeThreshold !== null && amount >= template.freeThreshold) continue;
    const units = template.mode === 'piece' ? group.reduce((n, l) => n + l.quantity, 0) : group.reduce((n, l) => n + l.quantity * l.weightGrams, 0);
    const rule = template.regionRules.find((r) => r.provinces.includes(province)) ?? template.defaultRule;
    total += ruleFee(rule, units);
  }
  return total;
}
