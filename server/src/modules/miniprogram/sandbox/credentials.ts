/**
 * What the sandbox's WeChat hands out (tickets, tokens, codes) are signed claims rather than rows:
 * every process of the installation (API server, worker) checks them alike without sharing state,
 * and an expired or forged one is refused as WeChat would refuse it.
 */
import { createHmac } from 'node:crypto';
import { clock } from '../../../core/clock.js';
import { config } from '../../../core/config.js';
import { signatureMatches } from '../message-crypto.js';

export type CredentialKind = 'ticket' | 'component' | 'preauth' | 'auth' | 'authorizer' | 'refresh';

const mac = (body: string) => createHmac('sha256', config().appSecret).update(`wechat-open-sandbox-credential:${body}`).digest('hex');

export function issue(kind: CredentialKind, claims: Record<string, string>, ttlSeconds: number): string {
  const body = Buffer.from(JSON.stringify({ k: kind, c: claims, e: clock.nowMs() + ttlSeconds * 1000, n: Math.random().toString(36).slice(2, 8) })).toString('base64url');
  return `${body}.${mac(body)}`;
}

export type Checked = { ok: true; claims: Record<string, string> } | { ok: false; expired: boolean };

export function check(kind: CredentialKind, credential: string | undefined): Checked {
  const [body, sig] = (credential ?? '').split('.');
  if (!body || !sig || !signatureMatches(mac(body), sig)) return { ok: false, expired: false };
  let parsed: { k?: string; c?: Record<string, string>; e?: number };
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    return { ok: false, expired: false };
  }
  if (parsed.k !== kind || !parsed.c) return { ok: false, expired: false };
  if (!parsed.e || parsed.e < clock.nowMs()) return { ok: false, expired: true };
  return { ok: true, claims: parsed.c };
}
