/**
 * Requests from chosen client addresses: the whole of 127.0.0.0/8 is loopback, so binding the
 * client socket to 127.0.0.2, 127.0.0.3, ... makes each request come from another IP, as far as a
 * real listening server (test/support/server.ts) can tell without TRUST_PROXY.
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import type { RunningServer } from './server.js';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export function callFrom(server: RunningServer, from: string, opts: { method: string; path: string; host?: string; token?: string; body?: unknown }): Promise<Reply> {
  const text = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        localAddress: from,
        method: opts.method,
        path: `/api/v1${opts.path}`,
        headers: {
          Host: opts.host ?? 'localhost',
          ...(text === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) }),
          ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}),
        },
        agent: false,
      },
      (res) => {
        let raw = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (raw += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: raw ? (JSON.parse(raw) as unknown) : null }));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}
