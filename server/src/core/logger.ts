import { pino, type Logger } from 'pino';
import { config } from './config.js';

let root: Logger | undefined;

/** The process logger; JSON lines, with the request id bound per request by the http layer. */
export function logger(): Logger {
  return (root ??= pino({
    level: config().logLevel,
    base: { pid: process.pid },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.secret', '*.token'], censor: '[redacted]' },
  }));
}

export function resetLogger(): void {
  root = undefined;
}
