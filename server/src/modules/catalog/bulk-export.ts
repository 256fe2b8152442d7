/**
 * Products out as a sheet in the import's own columns, so an export can be edited and imported
 * again (importing always creates new products: 商品编号 only groups rows within a file). Pages
 * of 200 products by id, never the whole catalogue in memory; rows stream to the client.
 *
 * A SKU is one row: its total stock with the first warehouse that holds it, as the import puts all
 * of a row's stock in one warehouse. Disabled SKUs are not for sale and are left out.
 */
import type { Writable } from 'node:stream';
import type { Ctx } from '../../core/context.js';
import type { ProductStatus } from './model.js';
import type { Owner } from '../../core/owner.js';
import { ownerProductsAfter, skusOfProducts, type ProductRow } from './repository/products.js';
import { stocksOfSkus } from './repository/stock.js';
import { COLUMNS, fenToYuan, formatImages, formatSpecs, HEADER_ROW } from './sheet-format.js';
import { sheetWriter, type Cell, type SheetFormat } from './sheet-io.js';

const PAGE = 200;
const MONEY_COLUMNS = COLUMNS.flatMap((c, i) => (c.key === 'supplyPrice' || c.key === 'suggestedPrice' ? [i] : []));

/**
 * A spreadsheet gets money as a number cell (so it sums and sorts): Number() of the exact decimal
 * text is the double nearest it, which prints back as that same text on import. CSV keeps the text.
 */
const money = (format: SheetFormat, fen: number): Cell => (format === 'xlsx' ? Number(fenToYuan(fen)) : fenToYuan(fen));

async function rowsOfPage(ctx: Ctx, products: ProductRow[], format: SheetFormat): Promise<Cell[][]> {
  const skus = await skusOfProducts(ctx, products.map((p) => p.id), { status: 'active' });
  const stocks = skus.length ? await stocksOfSkus(ctx, skus.map((s) => s.id)) : [];
  const warehouseOf = new Map<number, number>();
  for (const s of stocks) if (!warehouseOf.has(s.skuId)) warehouseOf.set(s.skuId, s.warehouseId);
  const byProduct = new Map(products.map((p) => [p.id, p]));
  return skus.map((sku) => {
    const p = byProduct.get(sku.productId)!;
    return [
      p.id,
      p.title,
      p.descriptionHtml ?? '',
      p.categoryId,
      formatImages(p.images),
      formatSpecs(sku.specs),
      sku.code ?? '',
      money(format, sku.supplyPrice),
      money(format, sku.suggestedPrice),
      sku.stock,
      sku.weightGrams,
      warehouseOf.get(sku.id) ?? null,
    ];
  });
}

export async function exportProducts(ctx: Ctx, owner: Owner, query: { format: SheetFormat; status?: ProductStatus }, out: Writable): Promise<void> {
  const writer = sheetWriter(query.format, out, MONEY_COLUMNS);
  await writer.addRows([HEADER_ROW]);
  for (let afterId = 0; ; ) {
    const page = await ownerProductsAfter(ctx, owner, query.status, afterId, PAGE);
    if (!page.length) break;
    await writer.addRows(await rowsOfPage(ctx, page, query.format));
    afterId = page[page.length - 1]!.id;
    if (page.length < PAGE) break;
  }
  await writer.finish();
}

/** The header row and one example product row, to start a sheet from. */
export async function writeTemplate(format: SheetFormat, out: Writable): Promise<void> {
  const writer = sheetWriter(format, out, MONEY_COLUMNS);
  await writer.addRows([
    HEADER_ROW,
    ['T001', '纯棉T恤', '<p>100% 棉，柔软透气</p>', null, 'https://cdn.example.com/t-front.png|https://cdn.example.com/t-back.png', '颜色:红;尺码:M', 'TS-RED-M', money(format, 1990), money(format, 3990), 100, 200, null],
  ]);
  await writer.finish();
}
