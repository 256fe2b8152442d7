import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { OssStorage, useStorage } from '../../server/src/core/storage.js';
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

export function ossV1Signature(secret: string, verb: string, md5: string, type: string, date: string, ossHeaders: Record<string, string>, resource: string): string {
  const canonicalHeaders = Object.keys(ossHeaders)
    .filter((k) => k.startsWith('x-oss-'))
    .sort()
    .map((k) => `${k}:${ossHeaders[k]}\n`)
    .join('');
  return createHmac('sha1', secret).update(`${verb}\n${md5}\n${type}\n${date}\n${canonicalHeaders}${resource}`).digest('base64');
}
