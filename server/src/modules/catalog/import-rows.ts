/**
 * From sheet rows to product inputs and back: rows sharing a 商品编号 become one ProductInput (in
 * the order the refs first appear), and every complaint about that input, whether from reading a
 * cell, from the schema or from createProduct (`skus[1].specs`), is pointed at the sheet row and
 * column it came from.
 */
import { AppError, type FieldIssue } from '../../core/errors.js';
import { issuesOf } from '../../core/http.js';
import type { RowError } from './import-job.js';
import { productInput, type ProductInput, type SkuInput } from './schemas.js';
import {
  COLUMNS,
  headerOf,
  parseImages,
  parseSpecs,
  PRODUCT_COLUMNS,
  wholeNumber,
  yuanToFen,
  type ColumnKey,
  type Layout,
  type Parsed,
  type ProductColumn,
} from './sheet-format.js';
import type { SheetRow } from './sheet-io.js';

export interface ProductGroup {
  ref: string;
  /** Sheet row numbers, one per SKU, in SKU order. */
  rows: number[];
  /** The row each product-level value was read from. */
  sources: Partial<Record<ProductColumn, number>>;
  product: Partial<Record<ProductColumn, string>>;
  skus: Array<Partial<SkuInput>>;
  errors: RowError[];
}

const isColumn = (key: string | undefined): key is ColumnKey => COLUMNS.some((c) => c.key === key);
const isProductColumn = (key: string | undefined): key is ProductColumn => (PRODUCT_COLUMNS as readonly string[]).includes(key ?? '');

function readSku(layout: Layout, row: SheetRow, text: (key: ColumnKey) => string, errors: RowError[]): Partial<SkuInput> {
  const sku: Partial<SkuInput> = {};
  const take = <T>(key: ColumnKey, parsed: Parsed<T>, set: (v: T) => void) => {
    if (parsed.ok) set(parsed.value);
    else errors.push({ row: row.row, field: headerOf(layout, key), message: parsed.message, code: parsed.code });
  };
  const optional = (key: ColumnKey, set: (v: number) => void) => {
    if (text(key)) take(key, wholeNumber(text(key)), set);
  };
  if (text('specs')) take('specs', parseSpecs(text('specs')), (v) => (sku.specs = v));
  else sku.specs = {};
  if (text('code')) sku.code = text('code');
  for (const key of ['supplyPrice', 'suggestedPrice'] as const) {
    if (!text(key)) errors.push({ row: row.row, field: headerOf(layout, key), message: 'required', code: 'required' });
    else take(key, yuanToFen(text(key)), (v) => (sku[key] = v));
  }
  optional('stock', (v) => (sku.stock = v));
  optional('weightGrams', (v) => (sku.weightGrams = v));
  optional('warehouseId', (v) => (sku.warehouseId = v));
  return sku;
}

/**
 * Product-level columns may be repeated on every row of a product or left blank after the first;
 * a row that says something different is reported rather than silently ignored.
 */
function mergeProductColumns(layout: Layout, group: ProductGroup, row: SheetRow, text: (key: ColumnKey) => string): void {
  for (const key of PRODUCT_COLUMNS) {
    const value = text(key);
    if (!value) continue;
    if (group.product[key] === undefined) {
      group.product[key] = value;
      group.sources[key] = row.row;
    } else if (group.product[key] !== value) {
      group.errors.push({ row: row.row, field: headerOf(layout, key), message: `differs from row ${group.sources[key]}; the rows of one product must agree or leave it blank`, code: 'rows_disagree', otherRow: group.sources[key] });
    }
  }
}

export function groupRows(layout: Layout, rows: SheetRow[]): ProductGroup[] {
  const groups = new Map<string, ProductGroup>();
  for (const row of rows) {
    const text = (key: ColumnKey) => {
      const i = layout.index.get(key);
      return i === undefined ? '' : (row.cells[i] ?? '');
    };
    const ref = text('productRef');
    // a row without a ref belongs to no product: it fails alone, under a key no ref can take
    const key = ref ? `ref:${ref}` : `row:${row.row}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { ref, rows: [], sources: {}, product: {}, skus: [], errors: [] }));
    if (!ref) group.errors.push({ row: row.row, field: headerOf(layout, 'productRef'), message: 'required: rows with the same 商品编号 form one product', code: 'required' });
    group.rows.push(row.row);
    mergeProductColumns(layout, group, row, text);
    group.skus.push(readSku(layout, row, text, group.errors));
  }
  for (const group of groups.values()) {
    if (group.ref && group.product.title === undefined) group.errors.push({ row: group.rows[0]!, field: headerOf(layout, 'title'), message: 'required', code: 'required' });
  }
  return [...groups.values()];
}

/** What a console needs to word an issue, leaving out what it does not carry. */
function wordsOf(issue: FieldIssue): Pick<RowError, 'code' | 'minimum' | 'maximum'> {
  return {
    ...(issue.code ? { code: issue.code } : {}),
    ...(issue.minimum !== undefined ? { minimum: issue.minimum } : {}),
    ...(issue.maximum !== undefined ? { maximum: issue.maximum } : {}),
  };
}

/** The sheet row and column behind a field path of ProductInput. */
function locate(layout: Layout, group: ProductGroup, issue: FieldIssue): RowError {
  const first = group.rows[0]!;
  const why = wordsOf(issue);
  const sku = /^skus\[(\d+)\](?:\.(\w+))?/.exec(issue.field);
  if (sku) {
    const column = isColumn(sku[2]) ? sku[2] : 'productRef';
    return { row: group.rows[Number(sku[1])] ?? first, field: headerOf(layout, column), message: issue.message, ...why };
  }
  const top = /^\w+/.exec(issue.field)?.[0];
  if (isProductColumn(top)) return { row: group.sources[top] ?? first, field: headerOf(layout, top), message: issue.message, ...why };
  return { row: first, field: headerOf(layout, 'productRef'), message: issue.field && issue.field !== 'body' ? `${issue.field}: ${issue.message}` : issue.message, ...why };
}

export function productInputOf(layout: Layout, group: ProductGroup, draft: boolean): { input: ProductInput } | { errors: RowError[] } {
  if (group.errors.length) return { errors: group.errors };
  const p = group.product;
  const categoryId = p.categoryId === undefined ? undefined : wholeNumber(p.categoryId);
  if (categoryId && !categoryId.ok) return { errors: [{ row: group.sources.categoryId!, field: headerOf(layout, 'categoryId'), message: categoryId.message, code: categoryId.code }] };
  const parsed = productInput.safeParse({
    title: p.title,
    ...(p.description !== undefined ? { description: p.description } : {}),
    ...(categoryId?.ok ? { categoryId: categoryId.value } : {}),
    ...(p.images !== undefined ? { images: parseImages(p.images) } : {}),
    skus: group.skus,
    draft,
  });
  if (!parsed.success) return { errors: issuesOf(parsed.error).map((issue) => locate(layout, group, issue)) };
  return { input: parsed.data };
}

/** What createProduct refused, as row errors: field issues where it named fields, else the whole product. */
export function rowErrorsOf(layout: Layout, group: ProductGroup, err: AppError): RowError[] {
  const issues = Array.isArray(err.details) ? (err.details as unknown[]).filter((d): d is FieldIssue => typeof (d as FieldIssue)?.field === 'string') : [];
  if (issues.length) return issues.map((issue) => locate(layout, group, { ...issue, message: issue.message ?? err.message }));
  return [{ row: group.rows[0]!, field: headerOf(layout, 'productRef'), message: err.message, code: err.code }];
}
