import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { LocalStorage, OssStorage, uploadsDir, useStorage } from '../../server/src/core/storage.js';
import { api, testApp } from '../support/http.js';
import { merchant, supplier } from '../factories/index.js';
import { fakeHttp } from './fake-servers.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`png-body-${Math.random()}`)]);
const PDF = Buffer.from(`%PDF-1.7\n% licence ${Math.random()}\n`);

describe('uploads', () => {
  afterEach(() => useStorage(undefined));

  it('stores an image proven by its bytes and serves it with long caching', async () => {
    const s = await supplier({ approved: false });
    const res = await api({ token: s.token }).post('/uploads').attach('file', PNG, { filename: 'photo.bin', contentType: 'application/octet-stream' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body).to.include({ mime: 'image/png', size: PNG.length });
    expect(res.body.url).to.match(/^\/uploads\/\d{4}\/\d{2}\/[0-9a-f]{40}\.png$/);
    const served = await request(testApp()).get(res.body.url);
    expect(served.status).to.equal(200);
    expect(served.headers['cache-control']).to.contain('immutable');
    expect(Buffer.from(served.body as Buffer).equals(PNG)).to.equal(true);
    const again = await api({ token: s.token }).post('/uploads').attach('file', PNG, 'again.png');
    expect(again.body.url, 'the same bytes are stored once').to.equal(res.body.url);
    const pdf = await api({ token: s.token }).post('/uploads').attach('file', PDF, 'licence.pdf');
    expect(pdf.body.mime).to.equal('application/pdf');
    const applied = await api({ token: s.token }).post('/supplier/documents').send({ documents: [{ type: 'business_license', url: pdf.body.url }] });
    expect(applied.body.documents[0]).to.deep.include({ type: 'business_license', url: pdf.body.url });
    // a short video for a shop's content: an ISO media file with an MP4 brand
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom'), Buffer.from(`\0\0\x02\0isomiso2avc1mp41 ${Math.random()}`)]);
    const video = await api({ token: s.token }).post('/uploads').attach('file', mp4, 'brew.mp4');
    expect(video.status, JSON.stringify(video.body)).to.equal(201);
    expect(video.body.mime).to.equal('video/mp4');
    expect(video.body.url).to.match(/\.mp4$/);
  });

  it('refuses by content: a script named .png is 415, whatever its declared type', async () => {
    const m = await merchant();
    const res = await api({ token: m.token }).post('/uploads').attach('file', Buffer.from('<script>alert(1)</script>'), { filename: 'evil.png', contentType: 'image/png' });
    expect(res.status).to.equal(415);
    expect(res.body.error.code).to.equal('unsupported_media_type');
  });

  it('refuses oversized files (413), more than one file (413 too_many_files), no file (400), and strangers (401)', async () => {
    const m = await merchant();
    const big = Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]);
    const tooBig = await api({ token: m.token }).post('/uploads').attach('file', big, 'big.png');
    expect(tooBig.status).to.equal(413);
    expect(tooBig.body.error.code).to.equal('payload_too_large');
    const hugeAny = await api({ token: m.token }).post('/uploads').attach('file', Buffer.alloc(11 * 1024 * 1024), 'huge.pdf');
    expect(hugeAny.status).to.equal(413);
    const two = await api({ token: m.token }).post('/uploads').attach('file', PNG, 'a.png').attach('file', PNG, 'b.png');
    expect(two.status).to.equal(413);
    expect(two.body.error.code).to.equal('too_many_files');
    const none = await api({ token: m.token }).post('/uploads').field('note', 'x');
    expect(none.status).to.equal(400);
    expect(none.body.error.details[0].field).to.equal('file');
    const json = await api({ token: m.token }).post('/uploads').send({ file: 'x' });
    expect(json.status).to.equal(415);
    expect((await api().post('/uploads').attach('file', PNG, 'a.png')).status).to.equal(401);
  });

  it('puts files into Aliyun OSS with a signed request when OSS is configured', async () => {
    const secret = 'oss-test-secret';
    // OSS checks the V1 signature: HMAC-SHA1 over verb, Content-MD5, Content-Type, Date, x-oss-* headers and /bucket/key
    const fake = await fakeHttp((req, res) => {
      const h = req.headers as Record<string, string>;
      const ossHeaders = Object.fromEntries(Object.entries(h).filter(([k]) => k.startsWith('x-oss-')));
      const expected = ossV1Signature(secret, req.method, h['content-md5'] ?? '', h['content-type'] ?? '', h['date'] ?? h['x-oss-date'] ?? '', ossHeaders, `/shop-bucket${req.url.pathname}`);
      const ok = h.authorization === `OSS LTAI-oss:${expected}`;
      res.writeHead(ok ? 200 : 403, { ETag: '"abc"', 'x-oss-request-id': 'req-1', 'Content-Type': 'application/xml' });
      res.end(ok ? '' : '<Error><Code>SignatureDoesNotMatch</Code></Error>');
    });
    useStorage(new OssStorage({ region: 'oss-cn-hangzhou', bucket: 'shop-bucket', accessKeyId: 'LTAI-oss', accessKeySecret: secret, endpoint: fake.url, publicBaseUrl: 'https://img.example.com' }));
    try {
      const m = await merchant();
      const res = await api({ token: m.token }).post('/uploads').attach('file', Buffer.concat([PNG, Buffer.from('oss')]), 'oss.png');
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body.url).to.match(/^https:\/\/img\.example\.com\/\d{4}\/\d{2}\/[0-9a-f]{40}\.png$/);
      expect(fake.requests).to.have.length(1);
      const put = fake.requests[0]!;
      expect(put.method).to.equal('PUT');
      expect(put.url.pathname).to.equal(res.body.url.replace('https://img.example.com', ''));
      expect(put.headers['content-type']).to.equal('image/png');
      expect(String(put.headers.authorization)).to.match(/^OSS LTAI-oss:/);
    } finally {
      await fake.close();
    }
  });
});

describe('uploads: resized variants', () => {
  afterEach(() => useStorage(undefined));

  /** A product shot: a gradient with a shape, the size a merchant's camera leaves after cropping. */
  async function photo(format: 'png' | 'jpeg', seed: number): Promise<Buffer> {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800"><defs><linearGradient id="g"><stop offset="0" stop-color="hsl(${seed % 360},70%,80%)"/><stop offset="1" stop-color="#334"/></linearGradient></defs><rect width="800" height="800" fill="url(#g)"/><circle cx="400" cy="400" r="${200 + (seed % 50)}" fill="#fff"/></svg>`;
    return format === 'png' ? sharp(Buffer.from(svg)).png().toBuffer() : sharp(Buffer.from(svg)).jpeg({ quality: 95 }).toBuffer();
  }
  const fetchImage = async (url: string) => {
    const res = await request(testApp()).get(url).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    return { status: res.status, type: String(res.headers['content-type']), cache: String(res.headers['cache-control']), body: res.body as Buffer };
  };

  it('stores an uploaded photo with thumb (160), card (400) and detail (800) variants, as WebP and a fallback of its kind', async () => {
    const m = await merchant();
    const png = await photo('png', Date.now());
    const res = await api({ token: m.token }).post('/uploads').attach('file', png, 'shot.png');
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const base = String(res.body.url).replace(/\.png$/, '');
    for (const [variant, width] of [['thumb', 160], ['card', 400], ['detail', 800]] as const) {
      const webp = await fetchImage(`${base}@${variant}.webp`);
      expect(webp.status, variant).to.equal(200);
      expect(webp.type).to.equal('image/webp');
      expect(webp.cache).to.contain('immutable');
      const meta = await sharp(webp.body).metadata();
      expect([meta.format, meta.width, meta.height], variant).to.deep.equal(['webp', width, width]);
      expect(webp.body.length, `${variant} is smaller than the original`).to.be.below(png.length);
      const fallback = await fetchImage(`${base}@${variant}.png`);
      expect((await sharp(fallback.body).metadata()).width, `${variant} fallback`).to.equal(width);
    }
    expect((await fetchImage(`${base}@card.jpg`)).status, 'a PNG falls back to PNG (transparency), not JPEG').to.equal(404);

    const jpeg = await photo('jpeg', Date.now() + 7);
    const j = await api({ token: m.token }).post('/uploads').attach('file', jpeg, 'shot.jpg');
    const card = await fetchImage(String(j.body.url).replace(/\.jpg$/, '@card.jpg'));
    expect(card.type).to.equal('image/jpeg');
    expect((await sharp(card.body).metadata()).width).to.equal(400);

    const small = await sharp({ create: { width: 120, height: 90, channels: 3, background: '#c00' } }).png().toBuffer();
    const s = await api({ token: m.token }).post('/uploads').attach('file', small, 'small.png');
    const detail = await fetchImage(String(s.body.url).replace(/\.png$/, '@detail.webp'));
    expect((await sharp(detail.body).metadata()).width, 'never enlarged').to.equal(120);
  });

  it('makes the variants of an image uploaded before variants existed on the first request for one', async () => {
    const key = `2020/01/${'a'.repeat(36)}${Date.now().toString(16).slice(-4)}`;
    const file = path.join(uploadsDir(), ...`${key}.png`.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, await photo('png', 42));
    const [a, b] = await Promise.all([fetchImage(`/uploads/${key}@card.webp`), fetchImage(`/uploads/${key}@card.webp`)]);
    expect([a.status, b.status]).to.deep.equal([200, 200]);
    expect((await sharp(a.body).metadata()).width).to.equal(400);
    expect(a.body.equals(b.body)).to.equal(true);
    expect((await fetchImage(`/uploads/${key}.png`)).status, 'the original is still served').to.equal(200);
    expect((await fetchImage(`/uploads/2020/01/${'b'.repeat(40)}@card.webp`)).status, 'no original, no variant').to.equal(404);
    expect([403, 404], 'nothing outside the uploads').to.include((await fetchImage(`/uploads/../${key}@card.webp`)).status);
  });

  it('names variants on the local disk by suffix and on OSS by its image processing parameters', () => {
    const local = new LocalStorage(uploadsDir());
    expect(local.variantUrl('/uploads/2026/12/abc.png', 'card', 'webp')).to.equal('/uploads/2026/12/abc@card.webp');
    expect(local.variantUrl('/uploads/2026/12/abc.jpg', 'thumb', 'fallback')).to.equal('/uploads/2026/12/abc@thumb.jpg');
    expect(local.variantUrl('/uploads/2026/12/licence.pdf', 'card', 'webp'), 'a document has no variants').to.equal('/uploads/2026/12/licence.pdf');
    expect(local.variantUrl('https://cdn.example.com/x.png', 'card', 'webp'), 'not ours: as it is').to.equal('https://cdn.example.com/x.png');

    const oss = new OssStorage({ region: 'oss-cn-hangzhou', bucket: 'shop-bucket', accessKeyId: 'k', accessKeySecret: 's', publicBaseUrl: 'https://img.example.com' });
    expect(oss.storesVariants).to.equal(false);
    expect(oss.variantUrl('https://img.example.com/2026/12/abc.png', 'card', 'webp')).to.equal('https://img.example.com/2026/12/abc.png?x-oss-process=image/resize,w_400/format,webp');
    expect(oss.variantUrl('https://img.example.com/2026/12/abc.jpg', 'detail', 'fallback')).to.equal('https://img.example.com/2026/12/abc.jpg?x-oss-process=image/resize,w_800');
    expect(oss.variantUrl('https://shop-bucket.oss-cn-hangzhou.aliyuncs.com/2026/12/abc.png', 'thumb', 'webp')).to.equal('https://shop-bucket.oss-cn-hangzhou.aliyuncs.com/2026/12/abc.png?x-oss-process=image/resize,w_160/format,webp');
    expect(oss.variantUrl('https://elsewhere.example.com/abc.png', 'card', 'webp'), 'another host: as it is').to.equal('https://elsewhere.example.com/abc.png');
    expect(oss.variantUrl('https://img.example.com/2026/12/licence.pdf', 'card', 'webp')).to.equal('https://img.example.com/2026/12/licence.pdf');
  });
});

export function ossV1Signature(secret: string, verb: string, md5: string, type: string, date: string, ossHeaders: Record<string, string>, resource: string): string {
  const canonicalHeaders = Object.keys(ossHeaders)
    .filter((k) => k.startsWith('x-oss-'))
    .sort()
    .map((k) => `${k}:${ossHeaders[k]}\n`)
    .join('');
  return createHmac('sha1', secret).update(`${verb}\n${md5}\n${type}\n${date}\n${canonicalHeaders}${resource}`).digest('base64');
}
