/**
 * The API's JSON body reader. Nearly every request with a body sends a small, uncompressed UTF-8
 * JSON document with its length: that one is read here in a few listeners, where body-parser's
 * json() costs a decoder, a media-type parse and half a dozen stream listeners per request (a
 * flash sale's crowd sends thousands a second). Anything else (chunked, compressed, another
 * charset, empty, over the limit) goes to body-parser, and the short path fails the same way it
 * does: its error `type`s, which error-middleware words.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type RequestHandler } from 'express';

export interface JsonBodyOptions {
  /** As body-parser reads it: `'1mb'`, `'100kb'`, or bytes. */
  limit: string | number;
  /** Sees the raw bytes before they are parsed (signature checks keep them). */
  verify?: (req: IncomingMessage, res: ServerResponse, buf: Buffer) => void;
}

const PLAIN_JSON = /^application\/(?:[\w.-]+\+)?json\s*(?:;\s*charset="?utf-8"?\s*)?$/i;
/** body-parser's strict mode: a JSON body is an object or an array. */
function opensObjectOrList(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    return c === 0x7b || c === 0x5b;
  }
  return false;
}

function bodyError(message: string, status: number, type: string, cause?: unknown): Error {
  return Object.assign(new Error(message, { cause }), { status, statusCode: status, type, expose: true });
}

/** `'1mb'` -> 1048576, as body-parser counts (binary units). */
function bytesOf(limit: string | number): number {
  if (typeof limit === 'number') return limit;
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(limit.trim());
  if (!m) throw new Error(`body limit ${limit}: not a size`);
  return Math.floor(Number(m[1]) * 1024 ** ['b', 'kb', 'mb', 'gb'].indexOf((m[2] ?? 'b').toLowerCase()));
}

export function jsonBodies(options: JsonBodyOptions): RequestHandler {
  const limit = bytesOf(options.limit);
  const full = express.json({ limit: options.limit, type: ['application/json', 'application/*+json'], verify: options.verify });
  return (req, res, next) => {
    const type = req.headers['content-type'];
    const length = Number(req.headers['content-length']);
    const encoding = req.headers['content-encoding'];
    const short =
      type !== undefined && PLAIN_JSON.test(type) && req.headers['transfer-encoding'] === undefined && (encoding === undefined || encoding === 'identity') && Number.isInteger(length) && length > 0 && length <= limit;
    if (!short) return full(req, res, next);

    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const settle = (err?: Error) => {
      if (settled) return;
      settled = true;
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('error', onError);
      req.removeListener('close', onClose);
      if (err) {
        // what is left of the body is read and dropped, so the connection can serve the next request
        req.resume();
        return next(err);
      }
      next();
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > length) return settle(bodyError('request size did not match content length', 400, 'request.size.invalid'));
      chunks.push(chunk);
    };
    const onEnd = () => {
      if (received !== length) return settle(bodyError('request size did not match content length', 400, 'request.size.invalid'));
      const buf = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received);
      try {
        options.verify?.(req, res, buf);
      } catch (err) {
        return settle(Object.assign(err as Error, { status: 403, type: 'entity.verify.failed' }));
      }
      // body-parser drops a byte order mark too
      const text = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.toString('utf8', 3) : buf.toString('utf8');
      if (!opensObjectOrList(text)) return settle(bodyError('Unexpected token in JSON', 400, 'entity.parse.failed'));
      try {
        req.body = JSON.parse(text) as unknown;
      } catch (err) {
        return settle(bodyError((err as Error).message, 400, 'entity.parse.failed', err));
      }
      settle();
    };
    const onError = (err: Error) => settle(err);
    const onClose = () => settle(bodyError('request aborted', 400, 'request.aborted'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  };
}
