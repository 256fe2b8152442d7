import { expect } from 'chai';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { systemContext } from '../../server/src/core/context.js';
import { loadConfig } from '../../server/src/core/config.js';
import { Parcel } from '../../server/src/modules/fulfillment/model.js';
import { followParcel, useTracking } from '../../server/src/modules/fulfillment/parcels.js';
import { Kuaidi100 } from '../../server/src/modules/fulfillment/tracking/kuaidi100.js';
import { SandboxTracking } from '../../server/src/modules/fulfillment/tracking/sandbox.js';
import { testApp } from '../support/http.js';
import { uniq } from '../factories/index.js';

const md5 = (s: string) => createHash('md5').update(Buffer.from(s, 'utf8')).digest('hex').toUpperCase();
const SALT = 'the-salt-our-subscriptions-carry';

/** A push as Kuaidi100 posts it: form fields param (and sign), saying the parcel was delivered. */
function deliveredPush(trackingNo: string, text: string) {
  return JSON.stringify({
    status: 'shutdown',
    message: '',
    lastResult: { state: '3', ischeck: '1', com: 'yuantong', nu: trackingNo, data: [{ time: '2026-12-05 10:00:00', ftime: '2026-12-05 10:00:00', context: text }] },
  });
}

const post = (fields: Record<string, string>) =>
  request(testApp()).post('/api/v1/logistics/kuaidi100/callback').type('form').send(new URLSearchParams(fields).toString());

describe('the Kuaidi100 callback, open to the internet', () => {
  afterEach(() => useTracking(undefined));

  async function followed(): Promise<string> {
    const trackingNo = uniq('YT').toUpperCase();
    useTracking(new SandboxTracking());
    await followParcel(systemContext('test'), 'yuantong', trackingNo);
    return trackingNo;
  }

  it('refuses an unsigned push when Kuaidi100 is on without a salt, and the parcel stays as it was', async () => {
    const trackingNo = await followed();
    useTracking(new Kuaidi100({ customer: 'C0FFEE', key: 'k', pollBaseUrl: 'http://127.0.0.1:9' }));
    const res = await post({ param: deliveredPush(trackingNo, '已签收，签收人：攻击者') });
    expect(res.status).to.equal(400);
    const parcel = await Parcel.findOne({ where: { carrier: 'yuantong', trackingNo }, raw: true });
    expect(parcel).to.include({ state: 'no_info' });
  });

  it('takes a push signed with the salt, refuses one unsigned or tampered, and creates no parcel it does not follow', async () => {
    const trackingNo = await followed();
    useTracking(new Kuaidi100({ customer: 'C0FFEE', key: 'k', salt: SALT, pollBaseUrl: 'http://127.0.0.1:9' }));
    const param = deliveredPush(trackingNo, '已签收');
    expect((await post({ param })).status).to.equal(400);
    expect((await post({ param: param.replace('已签收', '攻击者签收'), sign: md5(param + SALT) })).status).to.equal(400);
    expect((await Parcel.findOne({ where: { carrier: 'yuantong', trackingNo }, raw: true }))!.state).to.equal('no_info');

    expect((await post({ param, sign: md5(param + SALT) })).status).to.equal(200);
    expect((await Parcel.findOne({ where: { carrier: 'yuantong', trackingNo }, raw: true }))!.state).to.equal('delivered');

    const stranger = deliveredPush(uniq('YT').toUpperCase(), 'x');
    expect((await post({ param: stranger, sign: md5(stranger + SALT) })).status).to.equal(200);
    expect(await Parcel.count({ where: { trackingNo: JSON.parse(stranger).lastResult.nu } })).to.equal(0);
  });

  it('refuses to start in production with Kuaidi100 on and no salt', () => {
    const env = { NODE_ENV: 'production', APP_SECRET: 'x'.repeat(40), KUAIDI100_CUSTOMER: 'C0FFEE', KUAIDI100_KEY: 'k' };
    expect(() => loadConfig(env)).to.throw(/KUAIDI100_SALT/);
    expect(loadConfig({ ...env, KUAIDI100_SALT: SALT }).kuaidi100.salt).to.equal(SALT);
    expect(() => loadConfig({ NODE_ENV: 'production', APP_SECRET: 'x'.repeat(40) })).to.not.throw();
  });
});
