/**
 * One HTTP exchange with a payment gateway, bounded in time and through the outbound guard (a shop
 * may set its gateway's URL). What the answer means (and whether it is genuine) is the adapter's
 * business; here a gateway that cannot be reached, does not answer in time or may not be called is
 * one error, so that every adapter reports "we do not know" the same way.
 */
import { outboundFetch, type OutboundPolicy } from '../../../core/outbound.js';

export const GATEWAY_USER_AGENT = `s2b2c-commerce-cloud/0.1 (node ${process.version})`;

export interface GatewayAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export class GatewayUnreachable extends Error {
  constructor(url: URL, cause: unknown) {
    super(`${url.origin}${url.pathname} did not answer: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'GatewayUnreachable';
  }
}

export async function exchange(url: URL, init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string }, timeoutMs: number, policy: OutboundPolicy): Promise<GatewayAnswer> {
  try {
    const res = await outboundFetch(url, { ...init, headers: { 'User-Agent': GATEWAY_USER_AGENT, ...init.headers }, signal: AbortSignal.timeout(timeoutMs) }, policy);
    return { status: res.status, headers: res.headers, text: await res.text() };
  } catch (err) {
    throw new GatewayUnreachable(url, err);
  }
}
