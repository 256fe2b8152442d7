/**
 * Supplier bulk import and export. Mounted before routes.ts: express matches in registration order
 * and `/supplier/products/export` must not be taken for `/supplier/products/:id`.
 */
import type { Request, Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { AppError, ValidationError } from '../../core/errors.js';
import { parseInput, routeGroup } from '../../core/http.js';
import { pageQuery, pageSchema } from '../../core/db/index.js';
import { exportProducts, writeTemplate } from './bulk-export.js';
import { MAX_IMPORT_BYTES, startProductImport } from './bulk-import.js';
import { importView, listImports, ownedImport } from './import-job.js';
import { ownerOf } from '../../core/owner.js';
import { productListQuery, importViewSchema } from './schemas.js';
import { sendSheet } from './sheet-io.js';

const route = routeGroup();
export const catalogBulkRoutes = route.list;

const tags = ['catalog'];
const format = z.enum(['xlsx', 'csv']).default('xlsx');
const importFields = z.object({ draft: z.enum(['true', 'false']).optional() }).strict();

const receive = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 2, parts: 4 } }).single('file');

export function receiveSheet(req: Request, res: Response): Promise<Express.Multer.File | undefined> {
  return new Promise((resolve, reject) =>
    receive(req, res, (err: unknown) => {
      if (!err) return resolve(req.file);
      if (!(err instanceof multer.MulterError)) return reject(new AppError(400, 'malformed_multipart', 'The multipart body could not be read'));
      if (err.code === 'LIMIT_FILE_SIZE') return reject(new AppError(413, 'payload_too_large', `A sheet may be ${MAX_IMPORT_BYTES / 1048576} MB at most`, [{ field: 'file', message: 'too large' }]));
      if (err.code === 'LIMIT_UNEXPECTED_FILE') return reject(ValidationError.field(err.field ?? 'file', 'send one sheet in the field "file"'));
      return reject(ValidationError.field(err.field ?? 'file', err.message));
    }),
  );
}

route({
  method: 'post', path: '/supplier/products/import', tags, tenant: false, auth: 'supplier', status: 202,
  summary: 'Import products from an .xlsx or UTF-8 .csv sheet (multipart field "file", 10 MB; optional field draft=true); runs in the background',
  response: z.object({ id: z.number(), status: z.string(), total: z.number() }),
  // per supplier, not per IP: each import is minutes of background work
  rateLimits: [{ rule: { name: 'product-imports', limit: 20, windowSeconds: 3600 }, key: (_input, ctx) => `supplier:${ownerOf(ctx).id}` }],
  handler: async (ctx, _input, { req, res }) => {
    if (!req.is('multipart/form-data')) throw new AppError(415, 'unsupported_media_type', 'Send the sheet as multipart/form-data');
    const file = await receiveSheet(req, res);
    if (!file) throw ValidationError.field('file', 'a sheet is required');
    const fields = parseInput(importFields, req.body ?? {}, 'body');
    return startProductImport(ctx, ownerOf(ctx), file.buffer, { draft: fields.draft === 'true' });
  },
  audit: { action: 'product.import', target: (_i, r) => ({ type: 'import', id: r.id }), details: (_i, r) => ({ total: r.total }) },
});

route({
  method: 'get', path: '/supplier/products/import-template', tags, tenant: false, auth: 'supplier', raw: true,
  produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
  summary: 'The import sheet: header row and one example row (?format=xlsx|csv)',
  query: z.object({ format }).strict(),
  handler: (_ctx, { query }, { res }) => sendSheet(res, query.format, 'product-import-template', () => writeTemplate(query.format, res)),
});

route({
  method: 'get', path: '/supplier/products/export', tags, tenant: false, auth: 'supplier', raw: true,
  produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
  summary: 'My products as a sheet in the import columns, one row per SKU (?format=xlsx|csv&status=)',
  query: z.object({ format, status: productListQuery.shape.status }).strict(),
  handler: (ctx, { query }, { res }) => sendSheet(res, query.format, 'products', () => exportProducts(ctx, ownerOf(ctx), query, res)),
});

route({
  method: 'get', path: '/supplier/imports', tags, tenant: false, auth: 'supplier',
  summary: 'My imports, newest first (counts only; errors on each import)',
  query: pageQuery,
  response: pageSchema(importViewSchema),
  handler: (ctx, { query }) => listImports(ctx, ownerOf(ctx), query),
});

route({
  method: 'get', path: '/supplier/imports/:id', tags, tenant: false, auth: 'supplier', resources: { id: 'productImport' },
  summary: 'One import: status, progress and the first 500 row errors',
  response: importViewSchema,
  handler: async (ctx, { params }) => importView(await ownedImport(ctx, ownerOf(ctx), params.id)),
});
