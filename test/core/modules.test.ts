import { expect } from 'chai';
import express from 'express';
import { get as httpGet } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { z } from 'zod';
import { mountRoutes, routeGroup, routes } from '../../server/src/core/http.js';
import { checkModules, installModules, installedModules } from '../../server/src/core/install.js';
import { defineModule } from '../../server/src/core/module.js';
import { modules } from '../../server/src/modules/index.js';

describe('installing modules from their declarations', () => {
  const a = defineModule({ name: 'a' });
  const b = defineModule({ name: 'b', dependsOn: ['a'] });

  it('accepts a list where every module comes after the modules it depends on', () => {
    expect(() => checkModules([a, b])).not.to.throw();
  });

  it('refuses a module listed before a module it depends on, or depending on one not listed', () => {
    expect(() => checkModules([b, a])).to.throw('module b depends on a, which comes after it in the list');
    expect(() => checkModules([b])).to.throw('module b depends on a, which is not in the list');
    expect(() => checkModules([defineModule({ name: 'c', dependsOn: ['c'] })])).to.throw('module c depends on itself');
  });

  it('refuses two modules of one name', () => {
    expect(() => checkModules([a, defineModule({ name: 'a' })])).to.throw('module a is listed twice');
  });

  it('refuses a job not named under its module', () => {
    expect(() => checkModules([defineModule({ name: 'a', jobs: { 'b.sweep': async () => undefined } })])).to.throw('module a: job b.sweep is not named under the module');
  });

  it('installs the process\'s list once: again is a no-op, another list is an error', () => {
    expect(installedModules()).to.equal(modules);
    const count = routes().length;
    installModules(modules);
    expect(routes().length).to.equal(count);
    expect(() => installModules(modules.slice(1))).to.throw('modules are already installed, with another list');
  });

  it('fills the route registry from the declarations, each route once', () => {
    const declared = modules.flatMap((m) => m.routes ?? []);
    expect(routes()).to.have.length(declared.length);
    expect(routes().map((r) => `${r.method} ${r.path}`)).to.include('get /supplier/products/export');
  });
});

describe('route matching, most specific first', () => {
  function appWith(order: 'param first' | 'static first') {
    const route = routeGroup();
    const byId = route({ method: 'get', path: '/supplier/products/:id', summary: 'one', tenant: false, auth: 'public', handler: async (_ctx, { params }) => ({ matched: 'by id', id: params.id }) });
    const exported = route({ method: 'get', path: '/supplier/products/export', summary: 'export', tenant: false, auth: 'public', handler: async () => ({ matched: 'export' }) });
    const app = express();
    mountRoutes(app, order === 'param first' ? [byId, exported] : [exported, byId]);
    return app;
  }

  for (const order of ['param first', 'static first'] as const) {
    it(`matches /supplier/products/export ahead of /supplier/products/:id when declared ${order}`, async () => {
      const app = appWith(order);
      expect((await request(app).get('/api/v1/supplier/products/export')).body).to.deep.equal({ matched: 'export' });
      expect((await request(app).get('/api/v1/supplier/products/12')).body).to.deep.equal({ matched: 'by id', id: 12 });
    });
  }

  it('matches as express does: any case, one trailing slash, HEAD by GET, parameters decoded, a bad escape refused with 400', async () => {
    const route = routeGroup();
    const named = route({ method: 'get', path: '/supplier/names/:name', summary: 'one', tenant: false, auth: 'public', params: z.object({ name: z.string() }), handler: async (_ctx, { params }) => ({ name: params.name }) });
    const app = express();
    mountRoutes(app, [named]);
    expect((await request(app).get('/api/v1/Supplier/NAMES/%E8%8C%B6%20%E5%8F%B6/')).body).to.deep.equal({ name: '茶 叶' });
    const head = await request(app).head('/api/v1/supplier/names/x');
    expect(head.status).to.equal(200);
    const bad = await request(app).get('/api/v1/supplier/names/%E8%8C');
    expect(bad.status).to.equal(400);
    expect(bad.body.error.code).to.equal('bad_request');
    // no route of that method, two slashes, one segment more: not this route
    expect((await request(app).post('/api/v1/supplier/names/x')).status).to.equal(404);
    expect((await request(app).get('/api/v1/supplier/names//')).status).to.equal(404);
    expect((await request(app).get('/api/v1/supplier/names/x/y')).status).to.equal(404);
  });

  it('cuts the connection of a raw reply that fails after its headers went out, rather than leaving a short file', async () => {
    const route = routeGroup();
    const streamed = route({
      method: 'get', path: '/supplier/streams/broken', summary: 'a stream that fails', tenant: false, auth: 'public', raw: true, produces: ['text/csv'],
      handler: async (_ctx, _input, { res }): Promise<void> => {
        res.status(200).type('text/csv');
        res.write('a,b\n');
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('the export failed half way');
      },
    });
    const app = express();
    mountRoutes(app, [streamed]);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const outcome = await new Promise<string>((resolve) => {
        const req = httpGet({ port, host: '127.0.0.1', path: '/api/v1/supplier/streams/broken' }, (res) => {
          res.on('data', () => undefined);
          res.on('end', () => resolve('ended as if complete'));
          res.on('error', () => resolve('cut'));
          res.on('aborted', () => resolve('cut'));
        });
        req.on('error', () => resolve('cut'));
      });
      expect(outcome).to.equal('cut');
    } finally {
      server.close();
    }
  });

  it('keeps catalog\'s order in the registry, product route before export: the sort is what serves export (catalog-bulk tests it over HTTP)', () => {
    const paths = routes().filter((r) => r.method === 'get').map((r) => r.path);
    expect(paths.indexOf('/supplier/products/:id')).to.be.lessThan(paths.indexOf('/supplier/products/export'));
  });
});
