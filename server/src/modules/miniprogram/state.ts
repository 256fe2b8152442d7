/**
 * The `state` carried through WeChat's authorization page: which shop asked, until when, signed
 * with APP_SECRET. The callback believes nothing else about who is authorizing.
 */
import { createHmac } from 'node:crypto';
import { clock, minutes } from '../../core/clock.js';
import { config } from '../../core/config.js';
import { signatureMatches } from './message-crypto.js';

const TTL_MS = minutes(30);

const mac = (body: string) => createHmac('sha256', config().appSecret).update(`miniprogram-authorize:${body}`).digest('hex');

export function signState(tenantId: number): string {
  const body = `${tenantId}.${clock.nowMs() + TTL_MS}`;
  return `${body}.${mac(body)}`;
}

/** The shop the state names, or null when it is forged or expired. */
export function readState(state: string): number | null {
  const m = /^(\d+)\.(\d+)\.([0-9a-f]{64})$/.exec(state);
  if (!m || !signatureMatches(mac(`${m[1]}.${m[2]}`), m[3]!)) return null;
  return Number(m[2]) >= clock.nowMs() ? Number(m[1]) : null;
}
