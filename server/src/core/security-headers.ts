/**
 * Security headers, worked out once. Our policies have no per-request part (no CSP nonce), so
 * helmet is run once against a recording response and each request gets the resulting list,
 * rather than a dozen middleware calls rebuilding it.
 *
 * Pages (consoles, storefront, files) get the page policy. API replies are JSON, never rendered:
 * they get what OWASP's REST cheat sheet asks of an API (nothing may load from or frame a reply,
 * no type sniffing, HTTPS only, no cross-origin reads), not the dozen headers a document needs.
 * The few API routes that answer a page (the mini-program's launch and sandbox pages) switch to
 * the page policy with `asPage`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

interface HeaderList {
  set: Array<[string, string]>;
  removed: string[];
}

function headersOf(options: HelmetOptions): HeaderList {
  const list: HeaderList = { set: [], removed: [] };
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      list.set.push([name, String(value)]);
      return this;
    },
    removeHeader(name: string) {
      list.removed.push(name);
    },
  };
  let failed: unknown;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => void (failed = err));
  if (failed) throw failed;
  return list;
}

/** The API's own policy, with the page policy's HSTS. */
function apiOptions(hsts: HelmetOptions['hsts']): HelmetOptions {
  return {
    hsts,
    contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] } },
    xFrameOptions: { action: 'deny' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    referrerPolicy: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  };
}

function apply(res: ServerResponse, list: HeaderList): void {
  for (const [name, value] of list.set) res.setHeader(name, value);
  for (const name of list.removed) res.removeHeader(name);
}

const PAGE = Symbol('page security headers');
type WithPage = ServerResponse & { [PAGE]?: HeaderList };

export function securityHeaders(pages: HelmetOptions, apiPrefix: string): RequestHandler {
  const page = headersOf(pages);
  const api = headersOf(apiOptions(pages.hsts));
  return (req, res, next) => {
    if (req.url.startsWith(apiPrefix)) {
      apply(res, api);
      (res as WithPage)[PAGE] = page;
    } else {
      apply(res, page);
    }
    next();
  };
}

/** An API route answering an HTML page: the page policy replaces the API's (every API header is one of the page's). */
export function asPage(res: ServerResponse): void {
  const page = (res as WithPage)[PAGE];
  if (page) apply(res, page);
}
