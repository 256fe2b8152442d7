/**
 * The built web as a slow phone gets it (core/static-web.ts), against a small build of our own in a
 * temporary directory (precompressed by the same code as the real build, web/vite.compress.ts), and
 * a shop's own icon, manifest and service worker.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, get as httpGet, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect } from 'chai';
import express from 'express';
import sharp from 'sharp';
import request from 'supertest';
import { compressReplies, mountWeb, preferredEncoding } from '../../server/src/core/static-web.js';
import { precompress } from '../../web/vite.compress.js';
import { merchant } from '../factories/index.js';
import { api, shopApi, testApp } from '../support/http.js';

/** The bytes as sent, not decompressed (supertest decompresses what it can). */
async function raw(handler: express.Express, urlPath: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await new Promise((resolve, reject) => {
      const req = httpGet({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: urlPath, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
    });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Keeps the body as bytes whatever its type (supertest would parse JSON and text). */
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('static web: compression, caching, shop icons, manifest and service worker', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'static-web-'));
  const script = `export const hello = ${JSON.stringify('你好 '.repeat(2000))};\n`;
  let app: express.Express;

  before(async () => {
    for (const dir of ['shop/assets', 'admin/assets']) mkdirSync(path.join(root, dir), { recursive: true });
    writeFileSync(path.join(root, 'shop/assets/app-3f9a1c.js'), script);
    writeFileSync(path.join(root, 'shop/assets/tiny-77aa00.css'), 'a{color:red}');
    writeFileSync(path.join(root, 'shop/index.html'), '<!doctype html><html><head><title>Shop</title><link rel="manifest" href="/manifest.webmanifest"></head><body></body></html>');
    writeFileSync(path.join(root, 'shop/sw.js'), "const BUILD = '__BUILD__';\nself.addEventListener('fetch', () => {});\n");
    writeFileSync(path.join(root, 'admin/index.html'), '<!doctype html><title>Console</title>');
    await precompress(root);
    app = express();
    app.use('/api', compressReplies());
    app.get('/api/big', (_req, res) => {
      res.json({ items: Array.from({ length: 200 }, (_, i) => ({ id: i, title: `商品 ${i}` })) });
    });
    app.get('/api/small', (_req, res) => {
      res.json({ ok: true });
    });
    mountWeb(app, root);
  });

  it('reads Accept-Encoding as browsers send it: brotli first, q=0 refuses, * accepts', () => {
    expect(preferredEncoding('gzip, deflate, br, zstd')).to.equal('br');
    expect(preferredEncoding('gzip, deflate')).to.equal('gzip');
    expect(preferredEncoding('br;q=0, gzip')).to.equal('gzip');
    expect(preferredEncoding('gzip;q=0.5, br;q=0.4')).to.equal('gzip');
    expect(preferredEncoding('*')).to.equal('br');
    expect(preferredEncoding('identity')).to.equal(null);
    expect(preferredEncoding(undefined)).to.equal(null);
    expect(preferredEncoding('gzip, br', ['gzip'])).to.equal('gzip');
  });

  it('sends the precompressed twin the browser takes, with Vary, and caches hashed assets for a year', async () => {
    const m = await merchant();
    const get = (accept: string) => raw(app, '/assets/app-3f9a1c.js', { Host: m.host, 'Accept-Encoding': accept });
    const br = await get('gzip, deflate, br');
    expect(br.status).to.equal(200);
    expect(br.headers['content-encoding']).to.equal('br');
    expect(br.headers['content-type']).to.match(/javascript/);
    expect(br.headers.vary).to.match(/Accept-Encoding/i);
    expect(br.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
    expect(Number(br.headers['content-length'])).to.be.below(Buffer.byteLength(script) / 5);
    expect(brotliDecompressSync(br.body).toString('utf8')).to.equal(script);

    const gz = await get('gzip');
    expect(gz.headers['content-encoding']).to.equal('gzip');
    expect(gunzipSync(gz.body).toString('utf8')).to.equal(script);

    const plain = await get('identity');
    expect(plain.headers['content-encoding']).to.equal(undefined);
    expect(plain.body.toString('utf8')).to.equal(script);

    const tiny = await request(app).get('/assets/tiny-77aa00.css').set('Host', m.host).set('Accept-Encoding', 'br');
    expect(tiny.headers['content-encoding'], 'a file under 1 KB is not worth compressing').to.equal(undefined);
    expect(tiny.headers['content-type']).to.match(/css/);

    const missing = await request(app).get('/assets/gone-000000.js').set('Host', m.host);
    expect(missing.status).to.equal(404);
    expect(missing.headers['content-type']).to.not.match(/html/);
  });

  it('revalidates the storefront and console pages every time, titled with the shop', async () => {
    const m = await merchant({ name: '小橙子水果店' });
    const page = await request(app).get('/').set('Host', m.host);
    expect(page.status).to.equal(200);
    expect(page.headers['cache-control']).to.equal('no-cache');
    expect(page.text).to.contain('<title>小橙子水果店</title>');
    const admin = await request(app).get('/admin/').set('Host', m.host);
    expect(admin.headers['cache-control']).to.equal('no-cache');
    expect(admin.text).to.contain('Console');
  });

  it('answers /favicon.ico and files that do not exist with an icon or a 404, never the storefront page', async () => {
    const m = await merchant({ name: '茶' });
    const icon = await request(app).get('/favicon.ico').set('Host', m.host).buffer(true).parse(binary);
    expect(icon.status).to.equal(200);
    expect(icon.headers['content-type']).to.equal('image/png');
    const meta = await sharp(icon.body as Buffer).metadata();
    expect([meta.format, meta.width, meta.height]).to.deep.equal(['png', 32, 32]);
    for (const p of ['/robots.txt', '/apple-touch-icon-precomposed.png', '/icons/100.png']) {
      const res = await request(app).get(p).set('Host', m.host);
      expect(res.status, p).to.equal(404);
      expect(String(res.headers['content-type']), p).to.not.match(/html/);
    }
    const platform = await request(app).get('/favicon.ico').set('Host', 'localhost');
    expect(platform.headers['content-type'], 'the console on the platform host has an icon too').to.equal('image/png');
  });

  it('gives each shop its own web manifest: name, colour, icons from the logo, standalone from /', async () => {
    const a = await merchant({ name: '小橙子水果店' });
    const b = await merchant({ name: 'Blue Tea' });
    expect((await shopApi(a.slug, a.token).put('/admin/store/branding').send({ primaryColor: '#ff6600' })).status).to.equal(200);
    expect((await shopApi(b.slug, b.token).put('/admin/store/branding').send({ primaryColor: '#1989fa' })).status).to.equal(200);

    const manifestOf = async (host: string) => {
      const res = await request(app).get('/manifest.webmanifest').set('Host', host);
      expect(res.status).to.equal(200);
      expect(res.headers['content-type']).to.match(/application\/manifest\+json/);
      return JSON.parse(res.text) as { name: string; short_name: string; theme_color: string; start_url: string; display: string; icons: Array<{ src: string; sizes: string; type: string }> };
    };
    const ma = await manifestOf(a.host);
    expect(ma).to.deep.include({ name: '小橙子水果店', short_name: '小橙子水果店', theme_color: '#ff6600', start_url: '/', display: 'standalone' });
    expect(ma.icons.map((i) => i.sizes)).to.deep.equal(['192x192', '512x512']);
    const mb = await manifestOf(b.host);
    expect(mb).to.deep.include({ name: 'Blue Tea', theme_color: '#1989fa' });
    expect(mb.icons[0]!.src, 'another look, another icon URL').to.not.equal(ma.icons[0]!.src);

    const icon = await request(app).get(ma.icons[1]!.src).set('Host', a.host).buffer(true).parse(binary);
    expect(icon.headers['cache-control'], 'a versioned icon URL is cached for good').to.contain('immutable');
    const meta = await sharp(icon.body as Buffer).metadata();
    expect([meta.width, meta.height]).to.deep.equal([512, 512]);
    // the letter icon is painted in the shop's colour
    const { dominant } = await sharp(icon.body as Buffer).stats();
    expect(dominant.r).to.be.above(200);
    expect(dominant.b).to.be.below(80);

    // with a logo uploaded, the icons are made from it (a white-padded logo, not the letter on the colour)
    const logo = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#00aa00' } }).png().toBuffer();
    const uploaded = await api({ token: a.token }).post('/uploads').attach('file', logo, 'logo.png');
    expect(uploaded.status, JSON.stringify(uploaded.body)).to.equal(201);
    expect((await shopApi(a.slug, a.token).put('/admin/store/branding').send({ logoUrl: uploaded.body.url })).status).to.equal(200);
    const withLogo = await manifestOf(a.host);
    expect(withLogo.icons[0]!.src).to.not.equal(ma.icons[0]!.src);
    // served by the real app, which also serves the uploaded logo the icon is made from
    const logoIcon = await request(testApp()).get(withLogo.icons[0]!.src).set('Host', a.host).buffer(true).parse(binary);
    const stats = await sharp(logoIcon.body as Buffer).stats();
    expect(stats.dominant.g).to.be.above(100);
    expect(stats.dominant.r).to.be.below(100);

    expect((await request(app).get('/manifest.webmanifest').set('Host', 'nobody.localhost')).status).to.equal(404);
  });

  it('serves the service worker stamped with its build, revalidated every time, for the whole shop', async () => {
    const m = await merchant();
    const sw = await request(app).get('/sw.js').set('Host', m.host);
    expect(sw.status).to.equal(200);
    expect(sw.headers['content-type']).to.match(/javascript/);
    expect(sw.headers['cache-control']).to.equal('no-cache');
    expect(sw.headers['service-worker-allowed']).to.equal('/');
    expect(sw.text).to.not.contain('__BUILD__');
    expect(sw.text).to.match(/const BUILD = '[0-9a-f]{12}'/);
  });

  it('compresses API replies over 1 KB for clients that take it, and leaves small ones alone', async () => {
    const big = await raw(app, '/api/big', { 'Accept-Encoding': 'br, gzip' });
    expect(big.headers['content-encoding']).to.equal('br');
    expect(big.headers['content-type']).to.match(/application\/json; charset=utf-8/);
    expect(big.headers.vary).to.match(/Accept-Encoding/i);
    const items = (JSON.parse(brotliDecompressSync(big.body).toString('utf8')) as { items: unknown[] }).items;
    expect(items).to.have.length(200);
    const gz = await raw(app, '/api/big', { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).to.equal('gzip');
    expect(JSON.parse(gunzipSync(gz.body).toString('utf8')).items).to.have.length(200);
    const plain = await request(app).get('/api/big').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).to.equal(undefined);
    expect(plain.body.items).to.have.length(200);
    const small = await request(app).get('/api/small').set('Accept-Encoding', 'br');
    expect(small.headers['content-encoding']).to.equal(undefined);
    expect(small.body).to.deep.equal({ ok: true });
    // the real app too: its API document is large
    const doc = await raw(testApp(), '/api/docs/openapi.json', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(doc.headers['content-encoding']).to.equal('br');
    expect(JSON.parse(brotliDecompressSync(doc.body).toString('utf8'))).to.have.property('openapi');
  });
});
