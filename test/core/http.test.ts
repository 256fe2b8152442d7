import { expect } from 'chai';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { routes } from '../../server/src/core/http.js';
import { api, testApp } from '../support/http.js';
import { migrationRun } from '../support/setup.js';

describe('HTTP edge', () => {
  it('answers /healthz without a tenant', async () => {
    const res = await request(testApp()).get('/healthz').set('Host', '10.0.0.7:3000');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ status: 'ok' });
  });

  it('refuses malformed JSON with 400 malformed_json, never a 500', async () => {
    const res = await api().post('/merchants/signup').set('Content-Type', 'application/json').send('{"storeName": "x",');
    expect(res.status).to.equal(400);
    expect(res.body.error.code).to.equal('malformed_json');
  });

  it('refuses an oversized body with 413 payload_too_large', async () => {
    const res = await api().post('/merchants/signup').send({ storeName: 'x'.repeat(2_000_000), slug: 'abc', email: 'a@b.cn', password: 'abc12345' });
    expect(res.status).to.equal(413);
    expect(res.body.error.code).to.equal('payload_too_large');
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await api().post('/merchants/signup').set('Content-Type', 'text/plain').send('storeName=x');
    expect(res.status).to.equal(415);
    expect(res.body.error.code).to.equal('unsupported_media_type');
  });

  it('reads a JSON body alike on the short path and through body-parser (chunked, another charset), refusing the same bodies the same way', async () => {
    const valid = JSON.stringify({ storeName: '', slug: '9bad', email: 'nope', password: 'short' });
    const fields = ['email', 'password', 'slug', 'storeName'];
    const fieldsOf = (body: { error: { details: Array<{ field: string }> } }) => body.error.details.map((d) => d.field).sort();
    // the bytes as given, whole (a length) or in chunks (none)
    const post = (contentType: string, chunks: Buffer[], chunked = false) =>
      new Promise<{ status: number; body: { error: { code: string; details: Array<{ field: string }> } } }>((resolve, reject) => {
        const server = testApp().listen(0, '127.0.0.1', () => {
          const { port } = server.address() as AddressInfo;
          const length = chunks.reduce((n, c) => n + c.length, 0);
          const headers = { 'Content-Type': contentType, ...(chunked ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': String(length) }) };
          const req = httpRequest({ port, host: '127.0.0.1', method: 'POST', path: '/api/v1/merchants/signup', headers }, (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => server.close(() => resolve({ status: res.statusCode!, body: JSON.parse(text) })));
          });
          req.on('error', reject);
          for (const c of chunks) req.write(c);
          req.end();
        });
      });
    // the short path: a length, plain UTF-8, a byte order mark and white space around, in two packets
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const short = await post('application/json; charset=UTF-8', [bom, Buffer.from(`  ${valid.slice(0, 9)}`), Buffer.from(`${valid.slice(9)}\n`)]);
    expect(short.status).to.equal(400);
    expect(fieldsOf(short.body)).to.deep.equal(fields);
    // chunked (no length) goes to body-parser and answers the same
    const chunked = await post('application/json', [Buffer.from(valid.slice(0, 10)), Buffer.from(valid.slice(10))], true);
    expect(chunked.status).to.equal(400);
    expect(fieldsOf(chunked.body)).to.deep.equal(fields);
    // JSON that is not an object or a list is malformed for both readers
    for (const text of ['"store"', '42', 'null']) {
      for (const res of [await post('application/json', [Buffer.from(text)]), await post('application/json', [Buffer.from(text)], true)]) {
        expect(res.status, text).to.equal(400);
        expect(res.body.error.code, text).to.equal('malformed_json');
      }
    }
    // a charset that is not UTF-8: body-parser's answer
    const other = await post('application/json; charset=koi8-x', [Buffer.from(valid)]);
    expect(other.status).to.equal(415);
    expect(other.body.error.code).to.equal('unsupported_media_type');
  });

  it('names every invalid field with 400 validation_failed', async () => {
    const res = await api().post('/merchants/signup').send({ storeName: '', slug: '9bad', email: 'nope', password: 'short' });
    expect(res.status).to.equal(400);
    expect(res.body.error.code).to.equal('validation_failed');
    const fields = (res.body.error.details as Array<{ field: string }>).map((d) => d.field).sort();
    expect(fields).to.deep.equal(['email', 'password', 'slug', 'storeName']);
  });

  it('gives each refused field a stable code and its bound, keeping the English message for developers', async () => {
    const res = await api().post('/merchants/signup').send({ storeName: 'x'.repeat(65), slug: 'ab', email: 'nope', password: 'short', extra: 1 });
    expect(res.status).to.equal(400);
    const byField = Object.fromEntries((res.body.error.details as Array<{ field: string; code: string; minimum?: number; message: string }>).map((d) => [d.field, d]));
    expect(byField.storeName).to.include({ code: 'too_long', maximum: 64 });
    expect(byField.email.code).to.equal('invalid_format');
    expect(byField.password.code).to.equal('invalid_format');
    expect(byField.password.message).to.be.a('string').and.not.empty;
    const empty = await api().post('/merchants/signup').send({ storeName: '', slug: 'abcd', email: 'a@b.cn', password: 'abc12345' });
    expect(empty.body.error.details[0]).to.include({ field: 'storeName', code: 'required' });
    expect(byField.extra.code).to.equal('unknown_field');
    const missing = await api().post('/merchants/signup').send({});
    expect((missing.body.error.details as Array<{ code: string }>).map((d) => d.code)).to.include('required');
  });

  it('names nested and unknown fields, and bad query and path parameters', async () => {
    const unknown = await api().post('/merchants/signup').send({ storeName: 'A', slug: 'abcd', email: 'a@b.cn', password: 'abc12345', extra: 1 });
    expect(unknown.status).to.equal(400);
    expect(JSON.stringify(unknown.body.error.details)).to.contain('extra');
    const page = await api({ slug: 'nobody-here' }).get('/shop/store');
    expect(page.status).to.equal(404);
    const badPage = await api().get('/platform/tenants?pageSize=1000').set('Authorization', 'Bearer x');
    expect(badPage.status).to.equal(401);
  });

  it('answers unknown API paths with 404 in the error shape', async () => {
    const res = await api().get('/no/such/thing');
    expect(res.status).to.equal(404);
    expect(res.body.error.code).to.equal('not_found');
  });

  it('serves an OpenAPI document listing every registered route', async () => {
    const res = await request(testApp()).get('/api/docs');
    expect(res.status).to.equal(200);
    expect(res.body.openapi).to.match(/^3\./);
    for (const r of routes()) {
      const path = `/api/v1${r.path.replace(/:(\w+)/g, '{$1}')}`;
      expect(res.body.paths[path]?.[r.method], `${r.method} ${path}`).to.be.an('object');
    }
    expect(res.body.paths['/api/v1/merchants/signup'].post.requestBody.content['application/json'].schema.properties).to.have.keys(['storeName', 'slug', 'email', 'password']);
  });

  it('echoes a request id and sets security headers', async () => {
    const res = await request(testApp()).get('/healthz').set('X-Request-Id', 'req-12345678');
    expect(res.headers['x-request-id']).to.equal('req-12345678');
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    expect(res.headers).to.not.have.property('x-powered-by');
    // a video block may play from the merchant's own https video host; scripts stay the platform's own
    expect(res.headers['content-security-policy']).to.match(/media-src 'self' blob: https:/).and.match(/script-src 'self'/);
  });

  it('gives API replies the API policy and pages, API-served ones included, the page policy', async () => {
    const reply = await api().get('/no/such/route');
    expect(reply.headers['content-security-policy']).to.equal("default-src 'none';frame-ancestors 'none'");
    expect(reply.headers['x-frame-options']).to.equal('DENY');
    expect(reply.headers['x-content-type-options']).to.equal('nosniff');
    expect(reply.headers['cross-origin-resource-policy']).to.equal('same-origin');
    expect(reply.headers).to.not.have.property('referrer-policy');
    expect(reply.headers).to.not.have.property('x-powered-by');
    const page = await api().get('/wechat/open/authorize').query({ pre_auth_code: 'code', state: 'state' });
    expect(page.headers['content-type']).to.match(/^text\/html/);
    expect(page.headers['content-security-policy']).to.match(/script-src 'self'/).and.match(/style-src/);
    expect(page.headers['x-frame-options']).to.equal('SAMEORIGIN');
    expect(page.headers['referrer-policy']).to.equal('no-referrer');
  });

  it('ran every migration up, all the way down and up again', () => {
    expect(migrationRun.up.length).to.be.greaterThan(3);
    expect(migrationRun.down).to.deep.equal([...migrationRun.up].reverse());
    expect(migrationRun.again).to.deep.equal(migrationRun.up);
  });
});
