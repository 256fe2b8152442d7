import type { Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { nearCache } from '../../core/near-cache.js';
import type { Owner } from '../../core/owner.js';
import type { FreightRule, RegionRule } from './model.js';
import { clearDefaultTemplate, deleteTemplateRow, findTemplate, insertTemplate, pricingTemplates, templateExists, templatesOfOwner, updateTemplate, type PricingTemplateRow, type TemplateRow } from './repository.js';

export type { FreightRule, RegionRule };

export interface TemplateInput {
  name: string;
  mode: 'piece' | 'weight';
  defaultRule: FreightRule;
  regionRules?: RegionRule[];
  freeThreshold?: number | null;
  isDefault?: boolean;
}

export type TemplateView = TemplateInput & { id: number; regionRules: RegionRule[]; freeThreshold: number | null; isDefault: boolean };

const view = (t: TemplateRow): TemplateView => ({ id: t.id, name: t.name, mode: t.mode, defaultRule: t.defaultRule, regionRules: t.regionRules, freeThreshold: t.freeThreshold, isDefault: t.isDefault });

export async function listTemplates(ctx: Ctx, owner: Owner): Promise<TemplateView[]> {
  return (await templatesOfOwner(ctx, owner)).map(view);
}

/** Every quote prices with its owners' templates; they change when the owner edits one. */
const templatesOf = nearCache<PricingTemplateRow[]>('freight-templates', { ttlSeconds: 60, max: 10_000 });
const ownerKey = (owner: Owner) => `${owner.kind}:${owner.id}`;

export async function saveTemplate(ctx: Ctx, owner: Owner, input: TemplateInput, id?: number): Promise<TemplateView> {
  return withTransaction(ctx, async (tx) => {
    await templatesOf.invalidate(tx, ownerKey(owner));
    if (input.isDefault) await clearDefaultTemplate(tx, owner);
    const fields = { name: input.name, mode: input.mode, defaultRule: input.defaultRule, regionRules: input.regionRules ?? [], freeThreshold: input.freeThreshold ?? null, isDefault: input.isDefault ?? false };
    if (id === undefined) return view(await insertTemplate(tx, owner, fields));
    if (!(await findTemplate(tx, owner, id))) throw notFound('Freight template');
    await updateTemplate(tx, owner, id, fields);
    return view({ id, ...fields });
  });
}

/** Whether a freight template is this owner's (products may name only their owner's). */
export async function isOwnTemplate(ctx: Ctx, owner: Owner, id: number): Promise<boolean> {
  return templateExists(ctx, owner, id);
}

export async function deleteTemplate(ctx: Ctx, owner: Owner, id: number): Promise<{ id: number; deleted: true }> {
  if (!(await deleteTemplateRow(ctx, owner, id))) throw notFound('Freight template');
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
export async function freightFor(ctx: Ctx, owner: Owner, province: string, lines: FreightLine[]): Promise<number> {
  const templates = await templatesOf.get(ctx, ownerKey(owner), () => pricingTemplates(ctx, owner));
  const fallback = templates.find((t) => t.isDefault) ?? null;
  const groups = new Map<PricingTemplateRow, FreightLine[]>();
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
