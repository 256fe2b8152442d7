/**
 * The demo is seeded through the platform's own API, as a newcomer's clicks would make it: every
 * rule (stock reserved and returned, the ledger booked and settled, reviews only on received
 * goods) holds because the modules' routes and services do the work. The app is served on a
 * loopback port of its own for the seed's few seconds; nothing outside the process sees it.
 */
import { createServer, request, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { config } from '../core/config.js';
import { API_PREFIX } from '../core/http.js';

export class DemoApiError extends Error {
  constructor(readonly method: string, readonly path: string, readonly status: number, readonly body: unknown) {
    super(`demo seed: ${method} ${path} answered ${status}: ${JSON.stringify(body).slice(0, 400)}`);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** Who is calling: the platform host, or a shop by slug; with a bearer token or none. */
export interface Caller {
  get(path: string): Promise<Json>;
  post(path: string, body?: unknown): Promise<Json>;
  put(path: string, body?: unknown): Promise<Json>;
  patch(path: string, body?: unknown): Promise<Json>;
  upload(file: Buffer, name: string, mime: string): Promise<string>;
  /** A GET answered by a redirect, as a browser would follow it: where it points. */
  redirect(path: string): Promise<string>;
}

export class DemoApi {
  private constructor(private readonly server: Server, private readonly port: number, private readonly agent: Agent) {}

  /**
   * Serves the app on loopback only. On the process's own port (main.ts) the platform's calls to
   * itself (the demo shop's webhooks, received by the sandbox endpoint) arrive during the seed too.
   */
  static async open(app: Express, port = 0): Promise<DemoApi> {
    const server = createServer(app);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    // a connection per request: a reused idle one can be closed by the server as the next request
    // leaves (ECONNRESET under load), and a new loopback connection costs next to nothing
    return new DemoApi(server, (server.address() as AddressInfo).port, new Agent({ keepAlive: false, maxSockets: 8 }));
  }

  async close(): Promise<void> {
    this.agent.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
  }

  platform(token?: string): Caller {
    return this.caller(config().platformDomain, token);
  }

  shop(slug: string, token?: string): Caller {
    return this.caller(`${slug}.${config().platformDomain}`, token);
  }

  private caller(host: string, token?: string): Caller {
    const send = (method: string, path: string, body?: unknown) => this.send(host, token, method, path, body === undefined ? undefined : { type: 'application/json', bytes: Buffer.from(JSON.stringify(body)) });
    return {
      get: (path) => send('GET', path),
      post: (path, body) => send('POST', path, body ?? {}),
      put: (path, body) => send('PUT', path, body ?? {}),
      patch: (path, body) => send('PATCH', path, body ?? {}),
      redirect: async (path) => ((await this.send(host, token, 'GET', path, undefined, true)) as { location: string }).location,
      upload: async (file, name, mime) => {
        const boundary = `----demo${Math.random().toString(16).slice(2)}`;
        const bytes = Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${mime}\r\n\r\n`),
          file,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        const reply = (await this.send(host, token, 'POST', '/uploads', { type: `multipart/form-data; boundary=${boundary}`, bytes })) as { url: string };
        return reply.url;
      },
    };
  }

  private send(host: string, token: string | undefined, method: string, path: string, body?: { type: string; bytes: Buffer }, redirect = false): Promise<Json> {
    const headers: Record<string, string | number> = { Host: host, Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body) Object.assign(headers, { 'Content-Type': body.type, 'Content-Length': body.bytes.length });
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: this.port, method, path: `${API_PREFIX}${path}`, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : {};
          } catch {
            // a non-JSON answer is reported as text
          }
          if (redirect && res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) resolve({ location: res.headers.location });
          else if ((res.statusCode ?? 500) >= 300) reject(new DemoApiError(method, path, res.statusCode ?? 0, parsed));
          else resolve(parsed);
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      if (body) req.write(body.bytes);
      req.end();
    });
  }
}
