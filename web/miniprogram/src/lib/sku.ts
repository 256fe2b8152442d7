/**
 * Choosing a SKU from spec values (pure: unit-tested under Node). A value is possible when some SKU
 * with stock has it together with what is chosen in the other dimensions; the SKU is chosen once
 * every dimension has a value. A product without dimensions has its one SKU chosen at once.
 */
export interface SkuLike {
  id: number;
  specs: Record<string, string>;
  price: number;
  stock: number;
}
export interface Dimension {
  name: string;
  values: string[];
}
export type Chosen = Record<string, string>;

const matches = (sku: SkuLike, wanted: Chosen) => Object.keys(wanted).every((k) => sku.specs[k] === wanted[k]);

/** The dimensions as the product names them, else as its SKUs' specs spell them (first-seen order). */
export function dimensionsOf(skus: SkuLike[], declared?: Dimension[]): Dimension[] {
  if (declared && declared.length) return declared;
  const out: Dimension[] = [];
  for (const sku of skus) {
    for (const name of Object.keys(sku.specs)) {
      let dim = out.find((d) => d.name === name);
      if (!dim) out.push((dim = { name, values: [] }));
      if (!dim.values.includes(sku.specs[name]!)) dim.values.push(sku.specs[name]!);
    }
  }
  return out;
}

export function isPossible(skus: SkuLike[], chosen: Chosen, name: string, value: string): boolean {
  const wanted = { ...chosen, [name]: value };
  return skus.some((s) => s.stock > 0 && matches(s, wanted));
}

/** Tapping a value: chooses it (when possible), or unchooses it when it was chosen. */
export function pick(skus: SkuLike[], chosen: Chosen, name: string, value: string): Chosen {
  const next = { ...chosen };
  if (next[name] === value) delete next[name];
  else if (isPossible(skus, chosen, name, value)) next[name] = value;
  return next;
}

export function chosenSku<S extends SkuLike>(skus: S[], dimensions: Dimension[], chosen: Chosen): S | null {
  if (dimensions.length === 0) return skus.length === 1 ? skus[0]! : null;
  if (!dimensions.every((d) => chosen[d.name] !== undefined)) return null;
  return skus.find((s) => matches(s, chosen)) ?? null;
}

/** The most one order line may take: the SKU's stock (at most 999, WeChat's stepper habit), at least 1. */
export function maxQuantity(sku: SkuLike | null): number {
  return Math.max(1, Math.min(999, sku ? sku.stock : 999));
}

export function clampQuantity(quantity: number, sku: SkuLike | null): number {
  return Math.min(Math.max(1, Math.floor(quantity) || 1), maxQuantity(sku));
}

/** The chips of each dimension, ready to bind: value, chosen, disabled. */
export function chipRows(skus: SkuLike[], dimensions: Dimension[], chosen: Chosen): Array<{ name: string; chips: Array<{ value: string; active: boolean; disabled: boolean }> }> {
  return dimensions.map((d) => ({
    name: d.name,
    chips: d.values.map((value) => ({ value, active: chosen[d.name] === value, disabled: chosen[d.name] !== value && !isPossible(skus, chosen, d.name, value) })),
  }));
}

/** Price range of the SKUs with stock (or of all when none has stock), in fen. */
export function priceRange(skus: SkuLike[]): { min: number; max: number } {
  const pool = skus.some((s) => s.stock > 0) ? skus.filter((s) => s.stock > 0) : skus;
  const prices = pool.map((s) => s.price);
  return { min: prices.length ? Math.min(...prices) : 0, max: prices.length ? Math.max(...prices) : 0 };
}
