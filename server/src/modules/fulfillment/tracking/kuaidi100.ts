/**
 * Kuaidi100 (快递100) enterprise API: subscribe (订阅推送, `POST /poll`), real-time query
 * (实时快递查询, `POST /poll/query.do`, signed MD5(param + key + customer)) and the push it sends to
 * our callback (form fields `param` and `sign` = MD5(param + salt) when the subscription carried a
 * salt). Carriers are Kuaidi100 company codes (`shunfeng`, `yuantong`, ...); SF Express answers only
 * with the recipient's or sender's phone (its last four digits are enough), so `phone` is passed on.
 *
 * Kuaidi100 writes times as "yyyy-MM-dd HH:mm:ss" in China time; we hand out ISO-8601 UTC.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../core/errors.js';
import { InvalidCallback, type TrackingEvent, type TrackingProvider, type TrackingResult, type TrackingState } from './types.js';

export interface Kuaidi100Config {
  /** 公司编号 (customer) from the enterprise account. */
  customer: string;
  /** 授权 key. */
  key: string;
  /** Sent with each subscription; Kuaidi100 then signs its pushes with it. Without it every push is refused. */
  salt?: string;
  pollBaseUrl?: string;
}

/** What Kuaidi100 writes for one route (a query answer, or a push's `lastResult`). */
export interface Kuaidi100Route {
  state?: string | number;
  ischeck?: string;
  com?: string;
  nu?: string;
  data?: Array<{ time?: string; ftime?: string; context?: string; areaName?: string }>;
}

interface QueryAnswer extends Kuaidi100Route {
  result?: boolean;
  returnCode?: string | number;
  message?: string;
  status?: string;
}

interface PushParam {
  status?: string;
  message?: string;
  lastResult?: Kuaidi100Route;
}

const DEFAULT_POLL_BASE_URL = 'https://poll.kuaidi100.com';
const REQUEST_TIMEOUT_MS = 8000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

// ---------------------------------------------------------------------------------------------
// Carriers

const CARRIERS: Record<string, { name: string; aliases: string[] }> = {
  shunfeng: { name: '顺丰速运', aliases: ['顺丰', '顺丰快递', 'SF'] },
  shunfengkuaiyun: { name: '顺丰快运', aliases: [] },
  yuantong: { name: '圆通速递', aliases: ['圆通', '圆通快递', 'YTO'] },
  zhongtong: { name: '中通快递', aliases: ['中通', 'ZTO'] },
  yunda: { name: '韵达快递', aliases: ['韵达', '韵达速递'] },
  shentong: { name: '申通快递', aliases: ['申通', 'STO'] },
  jtexpress: { name: '极兔速递', aliases: ['极兔', '极兔快递', 'J&T'] },
  jd: { name: '京东物流', aliases: ['京东', '京东快递'] },
  ems: { name: 'EMS', aliases: ['中国邮政EMS', '邮政EMS'] },
  youzhengguonei: { name: '邮政快递包裹', aliases: ['邮政', '中国邮政', '邮政包裹'] },
  debangkuaidi: { name: '德邦快递', aliases: ['德邦'] },
  huitongkuaidi: { name: '百世快递', aliases: ['百世'] },
  zhaijisong: { name: '宅急送', aliases: [] },
};

const CARRIER_BY_NAME = new Map<string, string>(
  Object.entries(CARRIERS).flatMap(([code, { name, aliases }]) => [name, ...aliases].map((n) => [n.toLowerCase(), code] as const)),
);

/** The carrier's Chinese name for a Kuaidi100 company code, or the code itself when we do not list it. */
export function carrierName(code: string): string {
  return CARRIERS[code]?.name ?? code;
}

/**
 * The Kuaidi100 company code for what a merchant typed: a code (`shunfeng`, any case) or a Chinese
 * name (`顺丰`, `顺丰速运`). A code we do not list passes through (Kuaidi100 knows over a thousand);
 * an unknown name gives undefined.
 */
export function normalizeCarrier(input: string): string | undefined {
  const trimmed = input.trim();
  const lower = trimmed.toLowerCase();
  if (CARRIERS[lower]) return lower;
  return CARRIER_BY_NAME.get(lower) ?? (/^[a-z0-9]+$/.test(lower) ? lower : undefined);
}

// ---------------------------------------------------------------------------------------------
// Wire format shared with the sandbox

const md5Upper = (text: string) => createHash('md5').update(text, 'utf8').digest('hex').toUpperCase();

/** The sign of a push: MD5(param + salt), upper-case hex. */
export function kuaidi100PushSign(param: string, salt: string): string {
  return md5Upper(param + salt);
}

/** "yyyy-MM-dd HH:mm[:ss]" in China time (UTC+8, no daylight saving) to ISO-8601 UTC. */
export function chinaTimeToIso(text: string | undefined): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text?.trim() ?? '');
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s || 0) - CHINA_OFFSET_MS).toISOString();
}

/** ISO-8601 to Kuaidi100's "yyyy-MM-dd HH:mm:ss" in China time. */
export function isoToChinaTime(iso: string): string {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

const STATES: Record<string, TrackingState> = {
  '0': 'in_transit', // 在途
  '1': 'in_transit', // 揽收
  '2': 'exception', // 疑难
  '3': 'delivered', // 签收
  '4': 'returned', // 退签
  '5': 'out_for_delivery', // 派件
  '6': 'returned', // 退回
  '7': 'in_transit', // 转投
  '8': 'in_transit', // 清关
  '10': 'in_transit', // 待清关
  '11': 'in_transit', // 清关中
  '12': 'in_transit', // 已清关
  '13': 'exception', // 清关异常
  '14': 'exception', // 拒签
};

/**
 * Our state for Kuaidi100's `state`. With resultv2=1 (what we send) it is one of the codes above;
 * accounts switched to resultv2=4 get sub-states (101 已下单 ... 1001 到达派件城市, 301 本人签收,
 * 501 投柜或驿站, 2xx 疑难 ...), which belong to the family of their first digit, 100x to 在途.
 */
function stateOf(code: string | number | undefined): TrackingState {
  const text = String(code ?? '').trim();
  const known = STATES[text];
  if (known) return known;
  if (/^100\d$/.test(text)) return 'in_transit';
  if (/^\d{3}$/.test(text)) return STATES[text[0]!] ?? 'in_transit';
  return 'in_transit';
}

/** A Kuaidi100 route as our TrackingResult: events newest first, times in UTC; no rows, no info. */
export function resultFromKuaidi100(route: Kuaidi100Route, fallback: { carrier: string; trackingNo: string }): TrackingResult {
  const events: TrackingEvent[] = [];
  for (const row of route.data ?? []) {
    const time = chinaTimeToIso(row.ftime) ?? chinaTimeToIso(row.time);
    if (!time) continue;
    const event: TrackingEvent = { time, description: (row.context ?? '').trim() };
    if (row.areaName) event.location = row.areaName;
    events.push(event);
  }
  events.sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
  return {
    carrier: route.com || fallback.carrier,
    trackingNo: route.nu || fallback.trackingNo,
    state: events.length ? stateOf(route.state) : 'no_info',
    events,
  };
}

/**
 * Verifies and decodes a push's form fields. The sign is compared in constant time. There is no
 * unsigned path: a push without a salt to check it against is anyone's say-so about a parcel.
 */
export function decodeKuaidi100Push(fields: Record<string, string>, salt: string): TrackingResult {
  const param = fields.param;
  if (typeof param !== 'string' || !param) throw new InvalidCallback('no param');
  if (!salt) throw new InvalidCallback('no salt to verify the sign with');
  const expected = Buffer.from(kuaidi100PushSign(param, salt));
  const given = Buffer.from(String(fields.sign ?? '').toUpperCase());
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new InvalidCallback('bad sign');
  let body: PushParam;
  try {
    body = JSON.parse(param) as PushParam;
  } catch {
    throw new InvalidCallback('param is not JSON');
  }
  const route = body?.lastResult;
  if (!route || typeof route !== 'object' || !route.nu) throw new InvalidCallback('no lastResult');
  return resultFromKuaidi100(route, { carrier: route.com ?? '', trackingNo: route.nu });
}

// ---------------------------------------------------------------------------------------------
// The adapter

const unavailable = (what: string) => new AppError(502, 'tracking_unavailable', `Kuaidi100 did not answer the ${what}; try again`);
const refused = (what: string, returnCode: unknown, message: unknown) =>
  new AppError(502, 'tracking_refused', `Kuaidi100 refused the ${what} (${String(returnCode ?? '?')}: ${String(message ?? 'no message')})`, {
    provider: 'kuaidi100',
    returnCode: String(returnCode ?? ''),
  });

export class Kuaidi100 implements TrackingProvider {
  readonly name = 'kuaidi100' as const;
  private readonly base: string;

  constructor(private readonly config: Kuaidi100Config) {
    this.base = (config.pollBaseUrl ?? DEFAULT_POLL_BASE_URL).replace(/\/+$/, '');
  }

  async subscribe(input: { carrier: string; trackingNo: string; phone?: string; callbackUrl: string }): Promise<void> {
    const parameters: Record<string, string> = { callbackurl: input.callbackUrl };
    if (this.config.salt) parameters.salt = this.config.salt;
    parameters.resultv2 = '1';
    if (input.phone) parameters.phone = input.phone;
    const param = JSON.stringify({ company: input.carrier, number: input.trackingNo, key: this.config.key, parameters });
    const answer = await this.post<{ result?: boolean; returnCode?: string | number; message?: string }>('/poll', { schema: 'json', param }, 'subscription');
    const code = String(answer.returnCode ?? '');
    // 501: already subscribed and still being tracked; Kuaidi100 keeps pushing the first subscription.
    if (code === '200' || code === '501') return;
    throw refused('subscription', answer.returnCode, answer.message);
  }

  async query(input: { carrier: string; trackingNo: string; phone?: string }): Promise<TrackingResult> {
    const body: Record<string, string> = { com: input.carrier, num: input.trackingNo };
    if (input.phone) body.phone = input.phone;
    body.resultv2 = '1';
    const param = JSON.stringify(body);
    const sign = md5Upper(param + this.config.key + this.config.customer);
    const answer = await this.post<QueryAnswer>('/poll/query.do', { customer: this.config.customer, sign, param }, 'query');
    const code = answer.returnCode === undefined ? '' : String(answer.returnCode);
    // 500 "查询无结果，请隔段时间再查": the carrier has nothing yet (a parcel just handed over).
    if (answer.result === false && code === '500') return { carrier: input.carrier, trackingNo: input.trackingNo, state: 'no_info', events: [] };
    if (answer.result === false || (code && code !== '200')) throw refused('query', answer.returnCode, answer.message);
    return resultFromKuaidi100(answer, input);
  }

  parseCallback(fields: Record<string, string>): TrackingResult {
    return decodeKuaidi100Push(fields, this.config.salt ?? '');
  }

  callbackAck(ok: boolean): { result: boolean; returnCode: string; message: string } {
    return { result: ok, returnCode: ok ? '200' : '500', message: ok ? '成功' : '失败' };
  }

  private async post<T>(path: string, form: Record<string, string>, what: string): Promise<T> {
    let text: string;
    try {
      const res = await fetch(`${this.base}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: new URLSearchParams(form).toString(),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      text = await res.text();
    } catch {
      throw unavailable(what);
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw unavailable(what);
    }
  }
}
