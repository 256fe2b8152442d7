/**
 * The signature a receiver checks, Stripe's scheme: `t=<unix seconds>,v1=<hex HMAC-SHA256>` over
 * `<t>.<body>`. The timestamp inside the signed text lets a receiver refuse an old message replayed
 * by someone who captured it; the hex digest compares in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { randomToken } from '../../core/crypto.js';

export const SIGNATURE_HEADER = 'X-Webhook-Signature';
export const DELIVERY_HEADER = 'X-Webhook-Id';

/** A new signing secret, shown to the merchant once (`whsec_` marks what it is in their config). */
export function newSigningSecret(): string {
  return `whsec_${randomToken(24)}`;
}

export function signatureOf(secret: string, unixSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
}

export function signatureHeader(secret: string, unixSeconds: number, body: string): string {
  return `t=${unixSeconds},v1=${signatureOf(secret, unixSeconds, body)}`;
}

/** What a receiver does (and our tests): true when a v1 signature matches and t is within tolerance. */
export function verifySignature(secret: string, header: string, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = header.split(',').map((p) => p.split('=') as [string, string]);
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, t, body), 'hex');
  return parts.some(([k, v]) => k === 'v1' && v !== undefined && v.length === expected.length * 2 && timingSafeEqual(Buffer.from(v, 'hex'), expected));
}
