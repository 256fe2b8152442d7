/**
 * Per-tenant settings: one document per tenant, `{ [module]: section }`, each section owned and
 * validated by its module's zod schema (every field has a default). A stored document is read
 * leniently, since schemas change under stored rows: a missing section or field takes its default,
 * a value the schema no longer accepts falls back to its default, unknown keys are dropped. A
 * change is checked strictly (400 naming `module.field`).
 *
 * The request's tenant comes from the routing cache (core/tenancy) as one frozen object per tenant;
 * its resolved document is kept beside it, so a request reads its settings without a query, and a
 * settings change (which invalidates the tenant's cache entries) is seen by the next request.
 */
import { z } from 'zod';
import type { Ctx, TenantRef } from './context.js';
import { ValidationError } from './errors.js';
import { tenantForId } from './tenancy.js';

export interface SettingsSection {
  readonly module: string;
  readonly schema: z.ZodObject;
}

/** Shown in the settings API and the console page: a section's and a field's `.meta({ label })`. */
export interface Label {
  readonly zh: string;
  readonly en: string;
}

export type SettingsDocument = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

const sections = new Map<string, z.ZodObject>();
const owners = new Map<z.ZodObject, string>();
let patchSchema: z.ZodType | undefined;
const jsonSchemas = new Map<string, Record<string, unknown>>();

export function installSettings(list: readonly SettingsSection[]): void {
  for (const { module, schema } of list) {
    if (sections.has(module)) throw new Error(`settings of ${module} installed twice`);
    const defaults = schema.safeParse({});
    if (!defaults.success) throw new Error(`settings of ${module}: every field needs a default (${defaults.error.issues.map((i) => i.path.join('.')).join(', ')})`);
    for (const [key, field] of [[null, schema] as const, ...Object.entries(schema.shape)]) {
      if (!labelOf(field as z.ZodType)) throw new Error(`settings of ${module}: ${key ?? 'the section'} needs .meta({ label: { zh, en } })`);
    }
    sections.set(module, schema);
    owners.set(schema, module);
  }
  // built from the sections: a later install rebuilds them
  patchSchema = undefined;
  jsonSchemas.clear();
}

export function installedSections(): ReadonlyArray<readonly [string, z.ZodObject]> {
  return [...sections];
}

export function labelOf(schema: z.ZodType): Label | undefined {
  return schema.meta()?.label as Label | undefined;
}

/** One section read from what is stored, field by field when the whole does not parse. */
function readSection(schema: z.ZodObject, stored: unknown): Record<string, unknown> {
  const whole = schema.safeParse(stored ?? {});
  if (whole.success) return whole.data;
  const raw = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const fields = Object.entries(schema.shape).map(([key, field]) => {
    const one = (field as z.ZodType).safeParse(raw[key]);
    return [key, one.success ? one.data : (field as z.ZodType).parse(undefined)];
  });
  return Object.fromEntries(fields);
}

/** Every installed section, read from a stored document (anything: it came from a JSON column). */
export function resolveSettings(stored: unknown): SettingsDocument {
  const doc = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  return Object.freeze(Object.fromEntries([...sections].map(([module, schema]) => [module, Object.freeze(readSection(schema, doc[module]))])));
}

/** Kept beside the cached tenant object: the cache drops the object when the tenant changes. */
const resolvedOf = new WeakMap<TenantRef, SettingsDocument>();

export function tenantSettingsDocument(tenant: TenantRef): SettingsDocument {
  let doc = resolvedOf.get(tenant);
  if (!doc) {
    doc = resolveSettings(tenant.settings);
    resolvedOf.set(tenant, doc);
  }
  return doc;
}

/**
 * A module's settings for the context's tenant (or another tenant, for platform and job work), as
 * committed: inside a transaction that changed them, this still answers the committed values.
 */
export async function settingsOf<S extends z.ZodObject>(ctx: Ctx, schema: S, tenantId: number | null = ctx.tenantId): Promise<Readonly<z.output<S>>> {
  const module = owners.get(schema);
  if (!module) throw new Error('settingsOf: this schema is not an installed settings section');
  if (tenantId == null) throw new Error('settingsOf needs a tenant in the context');
  const tenant = ctx.tenant?.id === tenantId ? ctx.tenant : await tenantForId(tenantId);
  if (!tenant) throw new Error(`settingsOf: no tenant ${tenantId}`);
  return tenantSettingsDocument(tenant)[module] as Readonly<z.output<S>>;
}

// ---- changes ----

/** A field's schema without its default: a change names only what it changes. */
function withoutDefault(field: z.ZodType): z.ZodType {
  return field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field;
}

/** `{ orders?: { autoCancelMinutes?: ... } }`, strict at both levels. Built once, after install. */
export function settingsPatchSchema(): z.ZodType<Record<string, Record<string, unknown>>> {
  patchSchema ??= z
    .object(
      Object.fromEntries(
        [...sections].map(([module, schema]) => [
          module,
          z.object(Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, withoutDefault(field as z.ZodType).optional()]))).strict().optional(),
        ]),
      ),
    )
    .strict();
  return patchSchema as z.ZodType<Record<string, Record<string, unknown>>>;
}

/** For route bodies declared before the sections are installed (module import order). */
export const settingsPatchBody = z.lazy(() => settingsPatchSchema());

/**
 * The document after a change: the change is validated strictly (400 naming `module.field`), merged
 * over the resolved sections, and each changed section validated whole again (its own refinements).
 */
export function applySettingsPatch(stored: unknown, patch: unknown): { document: SettingsDocument; changed: Record<string, Record<string, unknown>> } {
  const parsed = settingsPatchSchema().safeParse(patch ?? {});
  if (!parsed.success) throw new ValidationError(parsed.error.issues.flatMap((issue) => issueFields(issue)));
  const current = resolveSettings(stored);
  const changed = Object.fromEntries(Object.entries(parsed.data).filter(([, section]) => section && Object.keys(section).length));
  const merged: Record<string, Record<string, unknown>> = { ...current };
  for (const [module, section] of Object.entries(changed)) {
    const whole = sections.get(module)!.safeParse({ ...current[module], ...section });
    if (!whole.success) throw new ValidationError(whole.error.issues.flatMap((issue) => issueFields(issue, [module])));
    merged[module] = whole.data;
  }
  return { document: resolveSettings(merged), changed };
}

function issueFields(issue: z.core.$ZodIssue, prefix: PropertyKey[] = []): { field: string; message: string }[] {
  const path = [...prefix, ...issue.path].map(String);
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: [...path, key].join('.'), message: 'not a setting' }));
  return [{ field: path.join('.') || 'body', message: issue.message }];
}

// ---- description, for the settings API and the console page ----

export interface SectionDescription {
  module: string;
  label: Label;
  /** The section's JSON schema; each property carries its `label` and its default. */
  schema: Record<string, unknown>;
  values: Record<string, unknown>;
}

export function describeSettings(doc: SettingsDocument): SectionDescription[] {
  return [...sections].map(([module, schema]) => {
    let json = jsonSchemas.get(module);
    if (!json) {
      const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'output' }) as Record<string, unknown>;
      json = rest;
      jsonSchemas.set(module, json);
    }
    return { module, label: labelOf(schema)!, schema: json, values: { ...doc[module] } };
  });
}
