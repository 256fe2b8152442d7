/**
 * One log line per finished request: error for 5xx, warn for a refused sign-in or permission (401,
 * 403: what an operator watches for), info for the rest. Other 4xx are the API answering a client
 * as designed (a flash sale's thousands of "sold out" a second): at warn they would write a line
 * each at the production level and cost more than the answer itself. Written by
 * hand rather than with pino-http, which builds a child logger and serialises the request for
 * every request even when its level is off; here a request costs a listener and a clock read, and
 * the line is built only when it will be written.
 */
import type { NextFunction, Request, Response } from 'express';
import { logger } from './logger.js';

const levelOf = (status: number) => (status >= 500 ? 'error' : status === 401 || status === 403 ? 'warn' : 'info');

export function accessLog(options: { ignore?: (req: Request) => boolean } = {}) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (options.ignore?.(req)) return next();
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const level = levelOf(res.statusCode);
      const log = logger();
      if (!log.isLevelEnabled(level)) return;
      log[level](
        {
          requestId: res.locals.requestId,
          method: req.method,
          url: req.originalUrl,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          ip: req.ip,
        },
        'request completed',
      );
    });
    next();
  };
}
