/**
 * supertest against the real app, with the host or appid that names a tenant. One app instance
 * per run (built lazily after the root hooks opened the database).
 */
import type { Express } from 'express';
import request from 'supertest';
import { buildApp } from '../../server/src/app.js';
import { config } from '../../server/src/core/config.js';

let app: Express | undefined;

export function testApp(): Express {
  return (app ??= buildApp());
}

export const tenantHost = (slug: string) => `${slug}.${config().platformDomain}`;

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Caller {
  get(path: string): request.Test;
  post(path: string): request.Test;
  put(path: string): request.Test;
  patch(path: string): request.Test;
  delete(path: string): request.Test;
}

/** Requests under /api/v1 with a Host (tenant slug, custom domain, or the platform) and an optional token. */
export function api(opts: { host?: string; slug?: string; appId?: string; token?: string } = {}): Caller {
  const host = opts.host ?? (opts.slug ? tenantHost(opts.slug) : config().platformDomain);
  const make = (method: Method) => (path: string) => {
    let req = request(testApp())[method](`/api/v1${path}`).set('Host', host);
    if (opts.appId) req = req.set('X-App-Id', opts.appId);
    if (opts.token) req = req.set('Authorization', `Bearer ${opts.token}`);
    return req;
  };
  return { get: make('get'), post: make('post'), put: make('put'), patch: make('patch'), delete: make('delete') };
}

export const platformApi = (token?: string) => api({ token });
export const shopApi = (slug: string, token?: string) => api({ slug, token });
