/**
 * Builds the express app from the modules (installed by boot.ts openPlatform): security headers,
 * request ids and logs, the JSON body limit, the API routes from the registry, the OpenAPI
 * document, the built consoles and storefronts, and one error shape. No listen here: tests drive
 * the app directly.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { accessLog } from './core/access-log.js';
import { config } from './core/config.js';
import { errorMiddleware } from './core/error-middleware.js';
import { jsonBodies } from './core/json-body.js';
import { oneLayer } from './core/one-layer.js';
import { API_PREFIX, mountRoutes, rawBodyPrefixes } from './core/http.js';
import { openApiDocument } from './core/openapi.js';
import { projectRoot } from './core/paths.js';
import { securityHeaders } from './core/security-headers.js';
import { compressReplies, mountUploads, mountWeb } from './core/static-web.js';
import { uploadsDir } from './core/storage.js';

const REQUEST_ID = /^[\w.-]{8,64}$/;

function requestIds(req: Request, res: Response, next: NextFunction): void {
  const given = req.get('x-request-id');
  const id = given && REQUEST_ID.test(given) ? given : randomUUID();
  res.locals.requestId = id;
  res.setHeader('X-Request-Id', id);
  next();
}

export const webRoot = () => path.join(projectRoot, 'dist', 'web');

export function buildApp(): Express {
  const c = config();
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', c.trustProxy);
  app.use(
    oneLayer(
      requestIds,
      accessLog({ ignore: (req) => req.url === '/healthz' }),
      securityHeaders(
        {
          hsts: c.env === 'production' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
          contentSecurityPolicy: {
            directives: {
              'img-src': ["'self'", 'data:', 'blob:', 'https:'],
              // a page's or an article's video may be an https link to the merchant's own video host
              'media-src': ["'self'", 'blob:', 'https:'],
              'connect-src': ["'self'", 'ws:', 'wss:'],
              'upgrade-insecure-requests': c.env === 'production' ? [] : null,
            },
          },
          crossOriginEmbedderPolicy: false,
        },
        '/api/',
      ),
    ),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use('/api', compressReplies());
  app.get(['/api/docs', '/api/docs/openapi.json'], (_req, res) => {
    res.json(openApiDocument());
  });
  // the raw text is kept for the routes that ask (gateway notifications: signatures cover the exact bytes)
  const rawPrefixes = rawBodyPrefixes();
  const keepRawBody = (req: IncomingMessage, _res: unknown, buf: Buffer) => {
    const url = (req as Request).originalUrl;
    if (rawPrefixes.some((p) => url.startsWith(p))) (req as Request & { rawBody?: string }).rawBody = buf.toString('utf8');
  };
  const json = jsonBodies({ limit: c.bodyLimit, verify: keepRawBody });
  // the API's few bodies that are not JSON, by where they are posted
  const otherBodies: Array<[string, RequestHandler]> = [
    // Alipay posts its notifications as a form
    ['/payments/notify', express.urlencoded({ extended: false, limit: '64kb', verify: keepRawBody })],
    // WeChat's third-party platform pushes XML (its signature covers the Encrypt inside, not the bytes)
    ['/wechat/open', express.text({ type: ['text/xml', 'application/xml', 'text/plain'], limit: '64kb' })],
    // Kuaidi100 pushes its callbacks as a form
    ['/logistics', express.urlencoded({ extended: false, limit: '256kb' })],
  ];
  const otherBody = (urlPath: string) => otherBodies.find(([prefix]) => urlPath === prefix || urlPath.startsWith(`${prefix}/`))?.[1];
  app.use(API_PREFIX, (req, res, next) => {
    const other = otherBody(req.path);
    json(req, res, other ? (err?: unknown) => (err ? next(err) : other(req, res, next)) : next);
  });
  mountRoutes(app);
  app.use('/api', (req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: `No route ${req.method} ${req.originalUrl.split('?')[0]}` } });
  });
  mountUploads(app, uploadsDir(c));
  mountWeb(app, webRoot());
  app.use(errorMiddleware);
  return app;
}
