/**
 * Helmet's security headers, worked out once. Our policy has no per-request part (no CSP nonce),
 * so every response carries the same headers: helmet is run once against a recording response
 * and each request gets the list, rather than a dozen middleware calls rebuilding it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

export function securityHeaders(options: HelmetOptions): RequestHandler {
  const headers: Array<[string, string]> = [];
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.push([name, String(value)]);
      return this;
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  let failed: unknown;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => void (failed = err));
  if (failed) throw failed;
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}
