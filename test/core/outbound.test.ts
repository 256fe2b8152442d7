import { expect } from 'chai';
import type { LookupAddress } from 'node:dns';
import sinon from 'sinon';
import { config } from '../../server/src/core/config.js';
import { checkOutboundUrl, isPrivateAddress, outboundFetch, outboundUrlProblem, OutboundRefused, resolver, type OutboundPolicy } from '../../server/src/core/outbound.js';
import { fakeHttp, json, type FakeHttp } from '../adapters/fake-servers.js';

const gateway: OutboundPolicy = { name: 'Gateway', hosts: ['api.gateway.example'] };
const anyHost: OutboundPolicy = { name: 'Webhook' };

/** Answers each lookup of a name from the list in turn (the last one repeats). */
function playDns(...answers: string[][]): sinon.SinonStub {
  let call = 0;
  return sinon.stub(resolver, 'lookup').callsFake(((_host: string, _opts: unknown, cb: (err: Error | null, a: LookupAddress[]) => void) => {
    const list = answers[Math.min(call++, answers.length - 1)]!;
    setImmediate(() => cb(null, list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))));
  }) as never);
}

describe('the outbound URL guard (core/outbound)', () => {
  let internal: FakeHttp;
  let saved: { allowPrivate: boolean; env: string };

  before(async () => {
    internal = await fakeHttp((_req, res) => json(res, 200, { secret: 'internal service answer' }));
  });
  after(() => internal.close());
  beforeEach(() => {
    saved = { allowPrivate: config().outbound.allowPrivate, env: config().env };
    config().outbound.allowPrivate = false;
    internal.requests.length = 0;
  });
  afterEach(() => {
    config().outbound.allowPrivate = saved.allowPrivate;
    (config() as { env: string }).env = saved.env;
  });

  it('tells loopback, private, link-local and reserved addresses from public ones, IPv4 and IPv6 alike', () => {
    const notPublic = [
      '127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255',
      '::', '::1', 'fe80::1', 'fe80::1%eth0', 'fc00::1', 'fd12:3456::1', 'ff02::1', 'fec0::1', '2001:db8::1',
      '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '::127.0.0.1', '64:ff9b::a9fe:a9fe', '2002:7f00:1::1', '2002:c0a8:101::',
      'not-an-address',
    ];
    const isPublic = ['8.8.8.8', '1.1.1.1', '101.226.103.106', '172.32.0.1', '192.169.0.1', '::ffff:8.8.8.8', '2400:3200::1', '2001:4860:4860::8888', '64:ff9b::808:808'];
    expect(notPublic.filter((ip) => !isPrivateAddress(ip)), 'taken for public').to.deep.equal([]);
    expect(isPublic.filter((ip) => isPrivateAddress(ip)), 'taken for private').to.deep.equal([]);
  });

  it('refuses private address literals, credentials and other schemes before any call', () => {
    for (const url of ['http://127.0.0.1:8080/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://[::ffff:a9fe:a9fe]/latest/meta-data', 'https://169.254.169.254/', 'http://10.0.0.8/']) {
      expect(outboundUrlProblem(url, anyHost), url).to.match(/loopback, private or link-local/);
    }
    expect(outboundUrlProblem('ftp://files.example.com/', anyHost)).to.match(/http\(s\)/);
    expect(outboundUrlProblem('https://user:pw@api.gateway.example/', gateway)).to.match(/user name/);
    expect(outboundUrlProblem('https://hooks.example.com/x', anyHost)).to.equal(null);
  });

  it('allows only the documented hosts over https in production', () => {
    (config() as { env: string }).env = 'production';
    expect(outboundUrlProblem('https://api.gateway.example/', gateway)).to.equal(null);
    expect(outboundUrlProblem('https://API.Gateway.example:443/', gateway)).to.equal(null);
    expect(outboundUrlProblem('http://api.gateway.example/', gateway)).to.match(/https on a Gateway host/);
    expect(outboundUrlProblem('https://evil.example.com/', gateway)).to.match(/https on a Gateway host/);
    expect(outboundUrlProblem('https://api.gateway.example.evil.com/', gateway)).to.match(/https on a Gateway host/);
  });

  it('refuses a name that resolves to a loopback address, and never connects', async () => {
    const refused = await outboundFetch(`http://localhost:${new URL(internal.url).port}/`, { method: 'GET' }, anyHost).catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(OutboundRefused);
    expect(await checkOutboundUrl(`http://localhost:${new URL(internal.url).port}/`, anyHost)).to.match(/must not resolve/);
    playDns(['93.184.216.34', '10.0.0.7']);
    expect(await outboundFetch('http://mixed.example/', { method: 'GET' }, anyHost).catch((e: unknown) => e), 'one private answer among public ones').to.be.instanceOf(OutboundRefused);
    expect(internal.requests).to.deep.equal([]);
  });

  it('connects to the address it checked: a name that answers differently the second time gains nothing', async () => {
    const port = new URL(internal.url).port;
    const dns = playDns(['93.184.216.34'], ['127.0.0.1']);
    const result = await outboundFetch(`http://rebinding.example:${port}/`, { method: 'GET', signal: AbortSignal.timeout(300) }, anyHost).then(
      (res) => res.status,
      (err: Error) => err.name,
    );
    expect(result).to.not.equal(200);
    expect(dns.callCount, 'resolved once, for the check and the connection alike').to.equal(1);
    expect(internal.requests, 'the internal service was never reached').to.deep.equal([]);
  });

  it('calls a public answer through, without following redirects, and lets the embedded mode reach local services', async () => {
    const redirecting = await fakeHttp((_req, res) => {
      res.writeHead(302, { Location: `${internal.url}/` });
      res.end();
    });
    try {
      config().outbound.allowPrivate = true;
      const res = await outboundFetch(`${redirecting.url}/go`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' }, anyHost);
      expect(res.status).to.equal(302);
      expect(redirecting.requests[0]!.body).to.equal('{"a":1}');
      expect(internal.requests).to.deep.equal([]);
      expect(await (await outboundFetch(internal.url, { method: 'GET' }, gateway)).json()).to.deep.equal({ secret: 'internal service answer' });
    } finally {
      await redirecting.close();
    }
  });
});
