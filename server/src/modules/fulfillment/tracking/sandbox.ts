/**
 * Parcel tracking for the embedded mode, without the network. A parcel's route is derived from its
 * carrier and number (the same parcel always travels the same cities) and unfolds with the time
 * since we first saw it: picked up, through two or three sorting centres, out for delivery, and
 * delivered about three days later. Pushes are signed exactly like Kuaidi100's (param and
 * MD5(param + salt)), so the callback route that serves production serves the sandbox too;
 * `signedCallback` builds such a push.
 */
import { createHash, randomBytes } from 'node:crypto';
import { clock } from '../../../core/clock.js';
import { carrierName, decodeKuaidi100Push, isoToChinaTime, kuaidi100PushSign } from './kuaidi100.js';
import type { TrackingEvent, TrackingProvider, TrackingResult, TrackingState } from './types.js';

const HOUR = 3_600_000;

const CITIES = [
  { city: '深圳市', area: '广东,深圳市' },
  { city: '广州市', area: '广东,广州市' },
  { city: '杭州市', area: '浙江,杭州市' },
  { city: '上海市', area: '上海,上海市' },
  { city: '北京市', area: '北京,北京市' },
  { city: '南京市', area: '江苏,南京市' },
  { city: '武汉市', area: '湖北,武汉市' },
  { city: '成都市', area: '四川,成都市' },
  { city: '郑州市', area: '河南,郑州市' },
  { city: '长沙市', area: '湖南,长沙市' },
  { city: '西安市', area: '陕西,西安市' },
  { city: '济南市', area: '山东,济南市' },
  { city: '厦门市', area: '福建,厦门市' },
  { city: '合肥市', area: '安徽,合肥市' },
] as const;

type City = (typeof CITIES)[number];
type Step = { atMs: number; state: TrackingState; description: string; location: string };

const centre = (c: City) => `${c.city.replace(/市$/, '')}转运中心`;

/** The whole journey of a parcel, as offsets from when it was first seen; the same for the same parcel. */
function journey(carrier: string, trackingNo: string): Step[] {
  const seed = createHash('sha256').update(`${carrier}:${trackingNo}`).digest();
  let cursor = 0;
  const next = () => seed[cursor++ % seed.length]!;
  const pool: City[] = [...CITIES];
  const take = () => pool.splice(next() % pool.length, 1)[0]!;
  const origin = take();
  const destination = take();
  const hubs = Array.from({ length: 2 + (next() % 2) }, take);
  const jitter = () => (next() % 90) * 60_000;
  const name = carrierName(carrier);

  const steps: Step[] = [];
  let at = 1 * HOUR + jitter();
  const add = (state: TrackingState, city: City, description: string) =>
    steps.push({ atMs: at, state, description: `【${city.city}】${description}`, location: city.area });

  add('in_transit', origin, `${name}快递员已揽收`);
  at += 3 * HOUR + jitter();
  add('in_transit', origin, `快件已到达${centre(origin)}`);
  const legs = [origin, ...hubs, destination];
  // Origin to destination in about 50 hours, whatever the number of sorting centres between.
  const legMs = (50 * HOUR) / (legs.length - 1);
  for (let i = 1; i < legs.length; i++) {
    const from = legs[i - 1]!;
    const to = legs[i]!;
    at += 2 * HOUR + jitter();
    add('in_transit', from, `快件已离开${centre(from)}，正发往${centre(to)}`);
    at += legMs - 2 * HOUR;
    add('in_transit', to, `快件已到达${centre(to)}`);
  }
  at += 8 * HOUR + jitter();
  add('out_for_delivery', destination, '快件已交给派件员，正在派送途中，请保持电话畅通');
  at += 4 * HOUR + jitter();
  add('delivered', destination, `快件已签收，签收人：本人。感谢使用${name}，期待再次为您服务`);
  return steps;
}

/** Whole seconds, as Kuaidi100 reports them, so a sandbox route survives a push unchanged. */
const isoSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();

export interface SandboxSubscription {
  carrier: string;
  trackingNo: string;
  phone?: string;
  callbackUrl: string;
}

export class SandboxTracking implements TrackingProvider {
  readonly name = 'sandbox' as const;
  private readonly now: () => number;
  private readonly salt: string;
  private readonly firstSeen = new Map<string, number>();
  private readonly subscribed = new Map<string, SandboxSubscription>();

  /**
   * `now` defaults to the platform clock; `salt` is what pushes are signed with, one of its own
   * when none is given (the callback is public: an unsigned push is never believed).
   */
  constructor(options: { now?: () => number; salt?: string } = {}) {
    this.now = options.now ?? (() => clock.nowMs());
    this.salt = options.salt || randomBytes(24).toString('base64url');
  }

  async subscribe(input: { carrier: string; trackingNo: string; phone?: string; callbackUrl: string }): Promise<void> {
    this.seenAt(input.carrier, input.trackingNo);
    this.subscribed.set(`${input.carrier}:${input.trackingNo}`, { ...input });
  }

  async query(input: { carrier: string; trackingNo: string; phone?: string }): Promise<TrackingResult> {
    return this.routeAt(input.carrier, input.trackingNo, this.now());
  }

  parseCallback(fields: Record<string, string>): TrackingResult {
    return decodeKuaidi100Push(fields, this.salt);
  }

  callbackAck(ok: boolean): { result: boolean; returnCode: string; message: string } {
    return { result: ok, returnCode: ok ? '200' : '500', message: ok ? '成功' : '失败' };
  }

  /** A push of this route as the sandbox signs it, for a local pusher. */
  push(result: TrackingResult): Record<string, string> {
    return signedCallback(result, this.salt);
  }

  /** Parcels asked to be pushed, for a local pusher (query each, post `push` of it to its URL). */
  subscriptions(): SandboxSubscription[] {
    return [...this.subscribed.values()];
  }

  private seenAt(carrier: string, trackingNo: string): number {
    const key = `${carrier}:${trackingNo}`;
    let at = this.firstSeen.get(key);
    if (at === undefined) {
      at = this.now();
      this.firstSeen.set(key, at);
    }
    return at;
  }

  private routeAt(carrier: string, trackingNo: string, nowMs: number): TrackingResult {
    const since = this.seenAt(carrier, trackingNo);
    const done = journey(carrier, trackingNo).filter((s) => since + s.atMs <= nowMs);
    const events: TrackingEvent[] = done
      .map((s) => ({ time: isoSeconds(since + s.atMs), description: s.description, location: s.location }))
      .reverse();
    return { carrier, trackingNo, state: done.at(-1)?.state ?? 'no_info', events };
  }
}

const PUSH_STATE: Record<TrackingState, string> = {
  no_info: '0',
  in_transit: '0',
  out_for_delivery: '5',
  delivered: '3',
  returned: '6',
  exception: '2',
};

/** The form fields of a Kuaidi100 push carrying this route, signed with the salt. */
export function signedCallback(result: TrackingResult, salt: string): Record<string, string> {
  const delivered = result.state === 'delivered';
  const param = JSON.stringify({
    status: delivered ? 'shutdown' : 'polling',
    billstatus: '',
    message: '',
    autoCheck: '0',
    comOld: '',
    comNew: '',
    lastResult: {
      message: 'ok',
      state: PUSH_STATE[result.state],
      status: '200',
      condition: 'F00',
      ischeck: delivered ? '1' : '0',
      com: result.carrier,
      nu: result.trackingNo,
      data: result.events.map((e) => {
        const time = isoToChinaTime(e.time);
        return { context: e.description, time, ftime: time, ...(e.location ? { areaName: e.location } : {}) };
      }),
    },
  });
  return { param, sign: kuaidi100PushSign(param, salt) };
}
