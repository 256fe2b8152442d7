/**
 * Aliyun SMS (dysmsapi SendSms, API version 2017-05-25) over the RPC-style protocol with
 * signature version 1.0: HMAC-SHA1 over `GET&%2F&<percent-encoded sorted query>`, keyed with
 * `<AccessKeySecret>&`.
 */
import { createHmac, randomUUID } from 'node:crypto';

export interface AliyunSmsOptions {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
}

/** RFC 3986 encoding as Aliyun's POP signature requires. */
export function popEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function popSignature(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${popEncode(k)}=${popEncode(params[k]!)}`)
    .join('&');
  const stringToSign = `${method}&${popEncode('/')}&${popEncode(canonical)}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64');
}

export interface SmsResult {
  ok: boolean;
  ref: string | null;
  error: string | null;
}

export class AliyunSms {
  constructor(private readonly options: AliyunSmsOptions) {}

  async send(phone: string, templateCode: string, templateParams: Record<string, string>, now: Date = new Date()): Promise<SmsResult> {
    const params: Record<string, string> = {
      AccessKeyId: this.options.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: phone,
      RegionId: 'cn-hangzhou',
      SignName: this.options.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: templateCode,
      TemplateParam: JSON.stringify(templateParams),
      Timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
    const signature = popSignature('GET', params, this.options.accessKeySecret);
    const query = `Signature=${popEncode(signature)}&${Object.keys(params)
      .map((k) => `${popEncode(k)}=${popEncode(params[k]!)}`)
      .join('&')}`;
    const url = `${this.options.endpoint.replace(/\/?$/, '/')}?${query}`;
    try {
      const res = await fetch(url, { method: 'GET', signal: AbortSignal.timeout(10_000) });
      const body = (await res.json().catch(() => ({}))) as { Code?: string; Message?: string; BizId?: string };
      if (res.ok && body.Code === 'OK') return { ok: true, ref: body.BizId ?? null, error: null };
      return { ok: false, ref: null, error: `${body.Code ?? res.status}: ${body.Message ?? 'send failed'}` };
    } catch (err) {
      return { ok: false, ref: null, error: (err as Error).message };
    }
  }
}
