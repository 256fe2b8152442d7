import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { Kuaidi100, carrierName, normalizeCarrier } from '../../server/src/modules/fulfillment/tracking/kuaidi100.js';
import { SandboxTracking, signedCallback } from '../../server/src/modules/fulfillment/tracking/sandbox.js';
import { InvalidCallback, type TrackingResult } from '../../server/src/modules/fulfillment/tracking/types.js';
import { fakeHttp, json, type FakeHttp } from './fake-servers.js';

/** Kuaidi100's signatures, written from its documentation independently of the adapter. */
const md5 = (s: string) => createHash('md5').update(Buffer.from(s, 'utf8')).digest('hex').toUpperCase();

const CUSTOMER = 'C0FFEE0123456789ABCDEF0123456789';
const KEY = 'kdKeyFromTheEnterpriseMail';
const SALT = 'a-32-char-salt-for-push-signing!';

/** Routes the fake knows, as Kuaidi100 writes them (China time, newest first). */
const ROUTES: Record<string, { com: string; state: string; phone?: string; data: Array<Record<string, string>> }> = {
  SF1400000001: {
    com: 'shunfeng',
    state: '3',
    phone: '5678',
    data: [
      { time: '2026-03-02 09:30:00', ftime: '2026-03-02 09:30:00', context: '[北京市]快件已签收', areaName: '北京,北京市' },
      { time: '2026-03-02 07:10:00', ftime: '2026-03-02 07:10:00', context: '[北京市]快件派送中', areaName: '北京,北京市' },
      { time: '2026-03-01 02:00:00', ftime: '2026-03-01 02:00:00', context: '[深圳市]快件已离开深圳转运中心' },
      { time: '2026-02-28 20:15:00', ftime: '2026-02-28 20:15:00', context: '[深圳市]顺丰速运已收取快件', areaName: '广东,深圳市' },
    ],
  },
};
for (const [state, nu] of [['0', 'YT0'], ['1', 'YT1'], ['2', 'YT2'], ['4', 'YT4'], ['5', 'YT5'], ['6', 'YT6'], ['7', 'YT7'], ['8', 'YT8'], ['14', 'YT14']] as const) {
  ROUTES[nu] = { com: 'yuantong', state, data: [{ time: '2026-03-01 12:00:00', ftime: '2026-03-01 12:00:00', context: `state ${state}` }] };
}

/** A server speaking Kuaidi100's poll API: form-encoded bodies, its signature, its answers and codes. */
async function fakeKuaidi100(): Promise<FakeHttp & { subscribed: Set<string> }> {
  const subscribed = new Set<string>();
  const fake = await fakeHttp((req, res) => {
    if (req.method !== 'POST' || !String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
      return json(res, 200, { result: false, returnCode: '400', message: '提交的数据不完整' });
    }
    const form = new URLSearchParams(req.body);
    if (req.url.pathname === '/poll') {
      if (form.get('schema') !== 'json') return json(res, 200, { result: false, returnCode: '700', message: 'schema 错误' });
      const param = JSON.parse(form.get('param') ?? '{}') as { company?: string; number?: string; key?: string; parameters?: { callbackurl?: string } };
      if (param.key !== KEY) return json(res, 200, { result: false, returnCode: '600', message: '您不是合法的订阅者（即授权Key出错）' });
      if (!param.company || !param.number || !param.parameters?.callbackurl) return json(res, 200, { result: false, returnCode: '700', message: '订阅方的订阅数据存在错误' });
      const id = `${param.company}:${param.number}`;
      if (subscribed.has(id)) return json(res, 200, { result: false, returnCode: '501', message: '重复订阅' });
      subscribed.add(id);
      return json(res, 200, { result: true, returnCode: '200', message: '提交成功' });
    }
    if (req.url.pathname === '/poll/query.do') {
      const param = form.get('param') ?? '';
      if (form.get('customer') !== CUSTOMER || form.get('sign') !== md5(param + KEY + CUSTOMER)) {
        return json(res, 200, { result: false, returnCode: '503', message: '验证签名失败' });
      }
      const q = JSON.parse(param) as { com: string; num: string; phone?: string };
      const route = ROUTES[q.num];
      if (!route || route.com !== q.com) return json(res, 200, { result: false, returnCode: '500', message: '查询无结果，请隔段时间再查' });
      if (route.phone && !q.phone?.endsWith(route.phone)) return json(res, 200, { result: false, returnCode: '408', message: '快递公司参数异常：验证码错误' });
      return json(res, 200, { message: 'ok', nu: q.num, ischeck: route.state === '3' ? '1' : '0', condition: 'F00', com: route.com, status: '200', state: route.state, data: route.data });
    }
    return json(res, 404, {});
  });
  return Object.assign(fake, { subscribed });
}

describe('Kuaidi100 parcel tracking', () => {
  let fake: Awaited<ReturnType<typeof fakeKuaidi100>>;
  beforeEach(async () => {
    fake = await fakeKuaidi100();
  });
  afterEach(() => fake.close());
  const kuaidi100 = (overrides: Partial<{ key: string; customer: string; salt: string }> = {}) =>
    new Kuaidi100({ customer: CUSTOMER, key: KEY, salt: SALT, pollBaseUrl: fake.url, ...overrides });

  it('subscribes a parcel with our callback URL and salt, and takes a repeated subscription as done', async () => {
    const callbackUrl = 'https://api.example.com/hooks/kuaidi100?parcel=p_1&t=x';
    await kuaidi100().subscribe({ carrier: 'shunfeng', trackingNo: 'SF1400000001', phone: '5678', callbackUrl });
    await kuaidi100().subscribe({ carrier: 'shunfeng', trackingNo: 'SF1400000001', phone: '5678', callbackUrl });

    expect(fake.requests).to.have.length(2);
    const form = new URLSearchParams(fake.requests[0]!.body);
    expect(fake.requests[0]!.url.pathname).to.equal('/poll');
    expect([...form.keys()].sort()).to.deep.equal(['param', 'schema']);
    expect(JSON.parse(form.get('param')!)).to.deep.equal({
      company: 'shunfeng',
      number: 'SF1400000001',
      key: KEY,
      parameters: { callbackurl: callbackUrl, salt: SALT, resultv2: '1', phone: '5678' },
    });
  });

  it('fails a subscription Kuaidi100 refuses, with its message', async () => {
    const err = await kuaidi100({ key: 'not-our-key' })
      .subscribe({ carrier: 'yuantong', trackingNo: 'YT0', callbackUrl: 'https://api.example.com/hooks/kuaidi100' })
      .catch((e: unknown) => e);
    expect(err).to.be.instanceOf(Error);
    expect((err as Error).message).to.contain('600').and.contain('您不是合法的订阅者');
  });

  it('queries a route signed with MD5(param + key + customer) and reports it newest first in UTC', async () => {
    const result = await kuaidi100().query({ carrier: 'shunfeng', trackingNo: 'SF1400000001', phone: '5678' });

    const form = new URLSearchParams(fake.requests[0]!.body);
    expect(fake.requests[0]!.url.pathname).to.equal('/poll/query.do');
    expect(form.get('customer')).to.equal(CUSTOMER);
    expect(JSON.parse(form.get('param')!)).to.deep.equal({ com: 'shunfeng', num: 'SF1400000001', phone: '5678', resultv2: '1' });
    expect(result).to.deep.equal({
      carrier: 'shunfeng',
      trackingNo: 'SF1400000001',
      state: 'delivered',
      events: [
        { time: '2026-03-02T01:30:00.000Z', description: '[北京市]快件已签收', location: '北京,北京市' },
        { time: '2026-03-01T23:10:00.000Z', description: '[北京市]快件派送中', location: '北京,北京市' },
        { time: '2026-02-28T18:00:00.000Z', description: '[深圳市]快件已离开深圳转运中心' },
        { time: '2026-02-28T12:15:00.000Z', description: '[深圳市]顺丰速运已收取快件', location: '广东,深圳市' },
      ],
    });
  });

  it('maps each Kuaidi100 state to ours', async () => {
    const expected = { YT0: 'in_transit', YT1: 'in_transit', YT2: 'exception', YT4: 'returned', YT5: 'out_for_delivery', YT6: 'returned', YT7: 'in_transit', YT8: 'in_transit', YT14: 'exception' };
    const seen: Record<string, string> = {};
    for (const trackingNo of Object.keys(expected)) seen[trackingNo] = (await kuaidi100().query({ carrier: 'yuantong', trackingNo })).state;
    expect(seen).to.deep.equal(expected);
  });

  it('reports no information while the carrier has nothing for the parcel yet', async () => {
    const result = await kuaidi100().query({ carrier: 'zhongtong', trackingNo: '78000000000001' });
    expect(result).to.deep.equal({ carrier: 'zhongtong', trackingNo: '78000000000001', state: 'no_info', events: [] });
  });

  it('fails a query signed with the wrong key, and an SF query without the right phone, with Kuaidi100\'s message', async () => {
    const wrongKey = await kuaidi100({ key: 'not-our-key' }).query({ carrier: 'shunfeng', trackingNo: 'SF1400000001', phone: '5678' }).catch((e: unknown) => e);
    expect((wrongKey as Error).message).to.contain('503').and.contain('验证签名失败');
    const noPhone = await kuaidi100().query({ carrier: 'shunfeng', trackingNo: 'SF1400000001' }).catch((e: unknown) => e);
    expect((noPhone as Error).message).to.contain('408');
  });

  it('fails when Kuaidi100 cannot be reached', async () => {
    const err = await new Kuaidi100({ customer: CUSTOMER, key: KEY, pollBaseUrl: 'http://127.0.0.1:9' }).query({ carrier: 'yuantong', trackingNo: 'YT0' }).catch((e: unknown) => e);
    expect(err).to.have.property('code', 'tracking_unavailable');
  });

  describe('pushes to our callback', () => {
    const push = (lastResult: object) =>
      JSON.stringify({ status: 'polling', billstatus: 'got', message: '', autoCheck: '0', comOld: '', comNew: '', lastResult });
    const route = {
      message: 'ok',
      state: '5',
      status: '200',
      condition: 'F00',
      ischeck: '0',
      com: 'yuantong',
      nu: 'YT9000000001',
      data: [
        { time: '2026-03-03 08:00:00', ftime: '2026-03-03 08:00:00', context: '【杭州市】快件派送中', areaName: '浙江,杭州市', status: '派件' },
        { time: '2026-03-02 23:59:59', ftime: '2026-03-02 23:59:59', context: '【杭州市】快件已到达杭州转运中心', status: '在途' },
      ],
    };

    it('accepts a push signed MD5(param + salt) and reads its route', () => {
      const param = push(route);
      const result = kuaidi100().parseCallback({ param, sign: md5(param + SALT) });
      expect(result).to.deep.equal({
        carrier: 'yuantong',
        trackingNo: 'YT9000000001',
        state: 'out_for_delivery',
        events: [
          { time: '2026-03-03T00:00:00.000Z', description: '【杭州市】快件派送中', location: '浙江,杭州市' },
          { time: '2026-03-02T15:59:59.000Z', description: '【杭州市】快件已到达杭州转运中心' },
        ],
      });
    });

    it('refuses a tampered, unsigned or wrongly salted push', () => {
      const param = push(route);
      const sign = md5(param + SALT);
      const tampered = param.replace('"state":"5"', '"state":"3"');
      expect(() => kuaidi100().parseCallback({ param: tampered, sign })).to.throw(InvalidCallback);
      expect(() => kuaidi100().parseCallback({ param })).to.throw(InvalidCallback);
      expect(() => kuaidi100().parseCallback({ param, sign: md5(param + 'another-salt') })).to.throw(InvalidCallback);
      expect(() => kuaidi100().parseCallback({ sign })).to.throw(InvalidCallback);
    });

    it('refuses every push, signed or not, when no salt is set to check it against', () => {
      const adapter = new Kuaidi100({ customer: CUSTOMER, key: KEY, pollBaseUrl: fake.url });
      const param = push(route);
      expect(() => adapter.parseCallback({ param })).to.throw(InvalidCallback);
      expect(() => adapter.parseCallback({ param, sign: md5(param) })).to.throw(InvalidCallback);
    });

    it('answers the push the way Kuaidi100 expects', () => {
      expect(kuaidi100().callbackAck(true)).to.deep.equal({ result: true, returnCode: '200', message: '成功' });
      expect(kuaidi100().callbackAck(false)).to.deep.equal({ result: false, returnCode: '500', message: '失败' });
    });
  });

  it('knows carriers by Kuaidi100 code or Chinese name', () => {
    expect(normalizeCarrier('顺丰')).to.equal('shunfeng');
    expect(normalizeCarrier(' 顺丰速运 ')).to.equal('shunfeng');
    expect(normalizeCarrier('中通快递')).to.equal('zhongtong');
    expect(normalizeCarrier('YUNDA')).to.equal('yunda');
    expect(normalizeCarrier('jd')).to.equal('jd');
    expect(normalizeCarrier('ems')).to.equal('ems');
    expect(normalizeCarrier('annengwuliu')).to.equal('annengwuliu');
    expect(normalizeCarrier('不存在的快递')).to.equal(undefined);
    expect(carrierName('yuantong')).to.equal('圆通速递');
    expect(carrierName('annengwuliu')).to.equal('annengwuliu');
  });
});

describe('Sandbox parcel tracking', () => {
  const HOUR = 3_600_000;
  const start = Date.UTC(2026, 2, 1, 2, 0, 0);

  it('moves a parcel from picked up through two or three cities to delivered in about three days', async () => {
    let now = start;
    const sandbox = new SandboxTracking({ now: () => now, salt: SALT });
    const parcel = { carrier: 'yuantong', trackingNo: 'YT5550000001' };
    await sandbox.subscribe({ ...parcel, callbackUrl: 'http://127.0.0.1/hooks/kuaidi100' });

    expect((await sandbox.query(parcel)).state).to.equal('no_info');
    const states: string[] = [];
    let delivered: TrackingResult | undefined;
    for (let h = 3; h <= 96; h += 3) {
      now = start + h * HOUR;
      const result = await sandbox.query(parcel);
      states.push(result.state);
      if (result.state === 'delivered') delivered ??= result;
    }
    expect(states[0]).to.equal('in_transit');
    expect(states.at(-1)).to.equal('delivered');
    const order = ['no_info', 'in_transit', 'out_for_delivery', 'delivered'];
    expect(states.map((s) => order.indexOf(s))).to.deep.equal([...states.map((s) => order.indexOf(s))].sort((a, b) => a - b));
    expect(states).to.include('out_for_delivery');

    const firstDelivered = states.indexOf('delivered');
    expect((firstDelivered + 1) * 3, 'hours until delivered').to.be.within(60, 84);
    const events = delivered!.events;
    expect(events.map((e) => e.time)).to.deep.equal([...events.map((e) => e.time)].sort().reverse());
    const cities = new Set(events.map((e) => e.location));
    expect(cities.size, 'origin, 2-3 sorting cities, destination').to.be.within(4, 5);
    expect(events.at(-1)!.description).to.contain('揽收');
    expect(events[0]!.description).to.contain('签收');
  });

  it('tells the same route for the same parcel, whenever it was first seen, and different routes for different parcels', async () => {
    const parcel = { carrier: 'shunfeng', trackingNo: 'SF1400000002' };
    const routeAfter = async (firstSeen: number, elapsed: number, trackingNo = parcel.trackingNo) => {
      let now = firstSeen;
      const sandbox = new SandboxTracking({ now: () => now });
      await sandbox.subscribe({ ...parcel, trackingNo, callbackUrl: 'http://127.0.0.1/cb' });
      now += elapsed;
      const once = await sandbox.query({ ...parcel, trackingNo });
      expect(await sandbox.query({ ...parcel, trackingNo })).to.deep.equal(once);
      return once;
    };

    const early = await routeAfter(start, 40 * HOUR);
    const late = await routeAfter(start + 7 * 24 * HOUR, 40 * HOUR);
    expect(late.state).to.equal(early.state);
    expect(late.events.map((e) => [e.location, e.description])).to.deep.equal(early.events.map((e) => [e.location, e.description]));
    expect(late.events.map((e) => Date.parse(e.time) - 7 * 24 * HOUR)).to.deep.equal(early.events.map((e) => Date.parse(e.time)));

    const others = await Promise.all(['SF1400000003', 'SF1400000004', 'SF1400000005'].map((n) => routeAfter(start, 90 * HOUR, n)));
    const routes = new Set(others.map((r) => r.events.map((e) => e.location).join('>')));
    expect(routes.size, 'three parcels, three journeys').to.equal(3);
  });

  it('signs its pushes like Kuaidi100, so either adapter reads them and a tampered one is refused', async () => {
    let now = start;
    const sandbox = new SandboxTracking({ now: () => now, salt: SALT });
    await sandbox.subscribe({ carrier: 'zhongtong', trackingNo: '78123', callbackUrl: 'http://127.0.0.1/cb' });
    now += 30 * HOUR;
    const result = await sandbox.query({ carrier: 'zhongtong', trackingNo: '78123' });
    const fields = signedCallback(result, SALT);

    expect(fields.sign).to.equal(md5(fields.param! + SALT));
    expect(sandbox.parseCallback(fields)).to.deep.equal(result);
    expect(new Kuaidi100({ customer: CUSTOMER, key: KEY, salt: SALT }).parseCallback(fields)).to.deep.equal(result);
    const tampered = { ...fields, param: fields.param!.replace('"state":"0"', '"state":"3"') };
    expect(tampered.param).to.not.equal(fields.param);
    expect(() => sandbox.parseCallback(tampered)).to.throw(InvalidCallback);
    expect(sandbox.subscriptions()).to.deep.equal([{ carrier: 'zhongtong', trackingNo: '78123', callbackUrl: 'http://127.0.0.1/cb' }]);
  });
});
