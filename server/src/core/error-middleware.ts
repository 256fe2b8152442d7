/**
 * Turns every error into API.md's shape `{ error: { code, message, details? } }`. Known failures
 * keep their status; anything unknown is logged with the request id and becomes a 500 that
 * reveals nothing of the internals.
 */
import { ForbiddenError } from '@casl/ability';
import type { NextFunction, Request, Response } from 'express';
import { ForeignKeyConstraintError, UniqueConstraintError, ValidationError as SequelizeValidationError } from 'sequelize';
import { AppError } from './errors.js';
import { logger } from './logger.js';
import { sendJson } from './reply.js';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

function camel(s: string): string {
  return s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (err instanceof ForbiddenError) return new AppError(403, 'forbidden', 'You are not allowed to do this');
  if (err instanceof UniqueConstraintError) {
    const fields = Object.keys(err.fields ?? {}).filter((f) => f !== 'tenant_id').map(camel);
    return new AppError(409, 'conflict', `Already exists${fields.length ? `: ${fields.join(', ')}` : ''}`, fields.map((field) => ({ field, message: 'already taken' })));
  }
  if (err instanceof ForeignKeyConstraintError) return new AppError(409, 'conflict', 'A referenced record does not exist or is still in use');
  if (err instanceof SequelizeValidationError) {
    return new AppError(400, 'validation_failed', 'Invalid fields', err.errors.map((e) => ({ field: e.path ?? 'body', message: e.message })));
  }
  const bp = err as BodyParserError;
  switch (bp?.type) {
    case 'entity.parse.failed':
      return new AppError(400, 'malformed_json', 'The request body is not valid JSON');
    case 'entity.too.large':
      return new AppError(413, 'payload_too_large', 'The request body is too large');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(415, 'unsupported_media_type', 'Unsupported content encoding or charset');
    case 'request.aborted':
      return new AppError(400, 'request_aborted', 'The request was aborted');
    default: {
      // http-errors from express itself (static files, ...): keep their 4xx
      const status = (err as { status?: unknown })?.status;
      if (typeof status === 'number' && status >= 400 && status < 500) {
        return new AppError(status, status === 404 ? 'not_found' : 'bad_request', status === 404 ? 'Not found' : (err as Error).message);
      }
      return null;
    }
  }
}

/** Answers a request that failed with `err`, in API.md's error shape. */
export function sendError(err: unknown, req: Request, res: Response): void {
  const known = toAppError(err);
  const requestId = res.locals.requestId as string | undefined;
  if (known && !res.headersSent) {
    if (known.status === 429 && known.details && typeof known.details === 'object' && 'retryAfterSeconds' in known.details) {
      res.setHeader('Retry-After', String((known.details as { retryAfterSeconds: number }).retryAfterSeconds));
    }
    sendJson(req, res, known.status, { error: { code: known.code, message: known.message, ...(known.details === undefined ? {} : { details: known.details }) } });
    return;
  }
  if (!known) logger().error({ err, requestId, method: req.method, url: req.originalUrl }, 'unhandled error');
  // a reply already under way (a streamed export) is cut, so the client sees it fail rather than a short file
  if (res.headersSent) return void req.socket?.destroy();
  sendJson(req, res, 500, { error: { code: 'internal_error', message: 'Something went wrong on our side', details: { requestId } } });
}

export function errorMiddleware(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  sendError(err, req, res);
}
