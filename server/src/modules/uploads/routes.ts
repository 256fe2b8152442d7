import type { Request, Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { AppError, ValidationError } from '../../core/errors.js';
import { routeGroup } from '../../core/http.js';
import { MAX_UPLOAD_BYTES } from './file-types.js';
import { storeUpload } from './service.js';

const route = routeGroup();
export const uploadsRoutes = route.list;

const receive = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, parts: 8 } }).single('file');

function parseMultipart(req: Request, res: Response): Promise<Express.Multer.File | undefined> {
  return new Promise((resolve, reject) =>
    receive(req, res, (err: unknown) => {
      if (!err) return resolve(req.file);
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE') return reject(new AppError(413, 'payload_too_large', `A file may be ${MAX_UPLOAD_BYTES / 1048576} MB at most`, [{ field: 'file', message: 'too large' }]));
        if (err.code === 'LIMIT_FILE_COUNT' || err.code === 'LIMIT_PART_COUNT') return reject(new AppError(413, 'too_many_files', 'Upload one file per request', [{ field: 'file', message: 'one file only' }]));
        if (err.code === 'LIMIT_UNEXPECTED_FILE') return reject(new AppError(400, 'validation_failed', `Send the file in the field "file", one per request`, [{ field: err.field ?? 'file', message: 'unexpected file field' }]));
        return reject(new AppError(400, 'validation_failed', err.message, [{ field: err.field ?? 'file', message: err.message }]));
      }
      return reject(new AppError(400, 'malformed_multipart', 'The multipart body could not be read'));
    }),
  );
}

route({
  method: 'post', path: '/uploads', tags: ['uploads'], summary: 'Upload an image (PNG, JPEG, GIF, WebP; 5 MB), a PDF or an MP4 video (10 MB) as multipart field "file"', tenant: false,
  auth: ['platform', 'supplier', 'merchant', 'shopper'], status: 201,
  response: z.object({ url: z.string(), mime: z.string(), size: z.number() }),
  rateLimits: [{ rule: { name: 'uploads', limit: 120, windowSeconds: 60 } }],
  handler: async (ctx, _input, { req, res }) => {
    if (!req.is('multipart/form-data')) throw new AppError(415, 'unsupported_media_type', 'Send the file as multipart/form-data');
    const file = await parseMultipart(req, res);
    if (!file) throw ValidationError.field('file', 'a file is required');
    return storeUpload(ctx, file);
  },
});
