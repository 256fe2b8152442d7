/**
 * Middlewares that run in a row for the same requests, as one layer of the app. Express's router
 * spends a path match, a prefix trim and a few calls on every layer a request steps through, so a
 * request passing a dozen layers pays for a dozen; here they call each other directly, as helmet
 * chains its own. For synchronous middlewares that only ever call `next` (or `next(err)`).
 */
import type { RequestHandler } from 'express';

export function oneLayer(...handlers: RequestHandler[]): RequestHandler {
  return (req, res, next) => {
    let i = 0;
    const step = (err?: unknown): void => {
      if (err) return next(err);
      const handler = handlers[i++];
      if (!handler) return next();
      try {
        void handler(req, res, step);
      } catch (thrown) {
        next(thrown);
      }
    };
    step();
  };
}
