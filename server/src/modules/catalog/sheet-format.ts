/**
 * The product sheet: one row per SKU, columns found by header (Chinese or English), rows sharing a
 * 商品编号 forming one product. Import, export and the template all read these definitions, so an
 * exported sheet can be edited and imported again. Values travel as text: prices are yuan with at
 * most two decimals and become fen by string arithmetic, so `19.9` is 1990 fen and never 1989.
 */
import { ValidationError } from '../../core/errors.js';
import { fenToYuan, yuanToFen as parseYuan } from '../../core/money.js';
import type { Specs } from './model.js';

export const COLUMNS = [
  { key: 'productRef', zh: '商品编号', en: 'productRef', required: true },
  { key: 'title', zh: '标题', en: 'title', required: true },
  { key: 'description', zh: '描述', en: 'description', required: false },
  { key: 'categoryId', zh: '类目ID', en: 'categoryId', required: false },
  { key: 'images', zh: '图片', en: 'images', required: false },
  { key: 'specs', zh: '规格', en: 'specs', required: false },
  { key: 'code', zh: 'SKU编码', en: 'code', required: false },
  { key: 'supplyPrice', zh: '供货价', en: 'supplyPrice', required: true },
  { key: 'suggestedPrice', zh: '建议零售价', en: 'suggestedPrice', required: true },
  { key: 'stock', zh: '库存', en: 'stock', required: false },
  { key: 'weightGrams', zh: '重量克', en: 'weightGrams', required: false },
  { key: 'warehouseId', zh: '仓库ID', en: 'warehouseId', required: false },
] as const;

export type ColumnKey = (typeof COLUMNS)[number]['key'];
export const PRODUCT_COLUMNS = ['title', 'description', 'categoryId', 'images'] as const satisfies readonly ColumnKey[];
export type ProductColumn = (typeof PRODUCT_COLUMNS)[number];

/** Headers written by export and the template: Chinese, the suppliers' own words. */
export const HEADER_ROW: string[] = COLUMNS.map((c) => c.zh);

/** Where each known column sits in a file, and the header text the file used for it. */
export interface Layout {
  index: Map<ColumnKey, number>;
  header: Map<ColumnKey, string>;
}

const normalize = (h: string) => h.replace(/\s+/g, '').toLowerCase();
const aliases = new Map<string, ColumnKey>(COLUMNS.flatMap((c) => [[normalize(c.zh), c.key] as const, [normalize(c.en), c.key] as const]));

function columnOf(header: string): ColumnKey | undefined {
  // "商品编号/productRef" as written in the task description is accepted as well as either half
  return [header, ...header.split('/')].map((h) => aliases.get(normalize(h))).find((k) => k !== undefined);
}

/** Reads the header row; unknown columns are ignored (suppliers keep notes beside the data). */
export function layoutOf(headers: string[]): Layout {
  const layout: Layout = { index: new Map(), header: new Map() };
  const issues: Array<{ field: string; message: string }> = [];
  headers.forEach((text, i) => {
    const key = columnOf(text);
    if (!key) return;
    if (layout.index.has(key)) issues.push({ field: 'file', message: `column ${text} appears twice` });
    layout.index.set(key, i);
    layout.header.set(key, text);
  });
  for (const c of COLUMNS) {
    if (c.required && !layout.index.has(c.key)) issues.push({ field: 'file', message: `the header row needs a ${c.zh} (${c.en}) column` });
  }
  if (issues.length) throw new ValidationError(issues, 'The sheet\'s header row is not a product sheet');
  return layout;
}

/** The column's name as the user sees it: the file's own header, else the Chinese one. */
export function headerOf(layout: Layout, key: ColumnKey): string {
  return layout.header.get(key) ?? COLUMNS.find((c) => c.key === key)!.zh;
}

/** Why a cell was refused: words for developers and a code the console words for people. */
export type CellCode = 'price_format' | 'price_decimals' | 'too_big' | 'whole_number' | 'specs_format' | 'specs_repeated';
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; code: CellCode };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (code: CellCode, message: string): Parsed<never> => ({ ok: false, message, code });

/** "19.9" -> 1990, or why the cell is not a price. */
export function yuanToFen(text: string): Parsed<number> {
  const m = /^\d+(?:\.(\d+))?$/.exec(text);
  if (!m) return bad('price_format', 'a price in yuan, e.g. 19.90');
  if ((m[1] ?? '').length > 2) return bad('price_decimals', 'at most 2 decimals (yuan, e.g. 19.90)');
  // the schema's own limit (¥100,000,000) answers finer; this only keeps the arithmetic exact
  const fen = parseYuan(text);
  return fen === null ? bad('too_big', 'too large') : ok(fen);
}

export { fenToYuan };

export function wholeNumber(text: string): Parsed<number> {
  if (!/^\d{1,9}$/.test(text)) return bad('whole_number', 'a whole number, 0 or more');
  return ok(Number(text));
}

/** "颜色:红;尺码:M"; full-width ：and ；are accepted, as Chinese input methods type them. */
export function parseSpecs(text: string): Parsed<Specs> {
  const specs: Specs = {};
  for (const part of text.split(/[;；]/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^([^:：]+)[:：](.+)$/.exec(part);
    const name = m?.[1]?.trim();
    const value = m?.[2]?.trim();
    if (!name || !value) return bad('specs_format', 'write specs as 颜色:红;尺码:M');
    if (specs[name] !== undefined) return bad('specs_repeated', `${name} is named twice`);
    specs[name] = value;
  }
  return ok(specs);
}

export function formatSpecs(specs: Specs): string {
  return Object.entries(specs).map(([name, value]) => `${name}:${value}`).join(';');
}

export function parseImages(text: string): string[] {
  return text.split(/[|\r\n]+/).map((u) => u.trim()).filter(Boolean);
}

export const formatImages = (images: string[]) => images.join('|');
