import { expect } from 'chai';
import { config, loadConfig } from '../../server/src/core/config.js';
import { callFrom } from '../support/from-address.js';
import { startServer, type RunningServer } from '../support/server.js';
import { tenantHost } from '../support/http.js';
import { merchant, platformToken } from '../factories/index.js';

/**
 * Wrong passwords lock an account out for the address they come from, not for its owner
 * elsewhere; the account as a whole only slows down, and not for addresses it signed in from.
 */
describe('sign-in guards, tried from several client addresses', function () {
  this.timeout(60_000);
  let server: RunningServer;
  let saved: ReturnType<typeof config>['login'];

  before(async () => {
    server = await startServer();
  });
  after(() => server.close());
  beforeEach(() => {
    saved = { ...config().login };
  });
  afterEach(() => {
    Object.assign(config().login, saved);
  });

  const platformLogin = (from: string, password: string) =>
    callFrom(server, from, { method: 'POST', path: '/platform/auth/login', body: { email: config().platformAdmin.email, password } });

  it('locks the attacker\'s address out of the platform administrator\'s account, not the administrator at theirs', async () => {
    await platformToken(); // the first operator exists
    const attacker = '127.0.0.2';
    const statuses: number[] = [];
    for (let i = 0; i < config().login.maxFailures + 2; i++) statuses.push((await platformLogin(attacker, 'not-the-password-1')).status);
    expect(statuses).to.deep.equal([401, 401, 401, 401, 401, 429, 429]);
    const stillLocked = await platformLogin(attacker, config().platformAdmin.password);
    expect(stillLocked.status, 'the right password from the locked address').to.equal(429);
    expect(stillLocked.body.error.code).to.equal('account_locked');
    expect(Number(stillLocked.headers['retry-after'])).to.be.greaterThan(0);

    const owner = await platformLogin('127.0.0.3', config().platformAdmin.password);
    expect(owner.status, JSON.stringify(owner.body)).to.equal(200);
  });

  it('counts 20 wrong passwords racing from one address as no more than the limit', async () => {
    const m = await merchant();
    const from = '127.0.0.4';
    const race = await Promise.all(
      Array.from({ length: 20 }, () => callFrom(server, from, { method: 'POST', path: '/admin/auth/login', host: tenantHost(m.slug), body: { email: m.email, password: 'wrong-pass-9' } })),
    );
    const statuses = race.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401), 'passwords checked').to.have.length(config().login.maxFailures);
    expect(statuses.filter((s) => s === 429)).to.have.length(20 - config().login.maxFailures);
  });

  it('slows the whole account once many addresses have failed, except for addresses it signed in from', async () => {
    Object.assign(config().login, { accountFailures: 6, accountMaxDelaySeconds: 1 });
    const m = await merchant();
    const login = (from: string, password: string) => callFrom(server, from, { method: 'POST', path: '/admin/auth/login', host: tenantHost(m.slug), body: { email: m.email, password } });
    expect((await login('127.0.0.5', m.password)).status, 'the owner signs in at home once').to.equal(200);

    // a botnet: three tries from each of many addresses, never enough to lock one of them
    const answers: Array<{ status: number; code?: string }> = [];
    for (let n = 10; n < 14; n++) {
      for (let i = 0; i < 3; i++) {
        const res = await login(`127.0.1.${n}`, 'guess-number-1');
        answers.push({ status: res.status, code: res.body?.error?.code });
      }
    }
    expect(answers.slice(0, 6).map((a) => a.status)).to.deep.equal([401, 401, 401, 401, 401, 401]);
    expect(answers.slice(6).some((a) => a.code === 'sign_in_delayed'), 'past the account threshold, tries wait their turn').to.equal(true);

    // asked first: the turn the botnet's first delayed try took lasts one second from then
    const fresh = await login('127.0.1.99', m.password);
    expect(fresh.status, 'a new address waits its turn').to.equal(429);
    expect(fresh.body.error.code).to.equal('sign_in_delayed');
    const home = await login('127.0.0.5', m.password);
    expect(home.status, 'the owner at a known address is not slowed').to.equal(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const later = await login('127.0.1.99', m.password);
    expect(later.status, `after its turn comes: ${JSON.stringify(later.body)}`).to.equal(200);
  });

  it('refuses to start in production trusting every proxy hop, which would let clients pick their address', () => {
    const env = { NODE_ENV: 'production', APP_SECRET: 'x'.repeat(40) };
    expect(() => loadConfig({ ...env, TRUST_PROXY: 'true' })).to.throw(/TRUST_PROXY/);
    expect(loadConfig({ ...env, TRUST_PROXY: '2' }).trustProxy).to.equal(2);
  });
});
