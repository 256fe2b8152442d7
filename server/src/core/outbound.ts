/**
 * Requests to URLs a tenant controls (its WeChat Pay gateway address today, its webhooks later).
 * Such a URL is the tenant's way to make our server call somewhere: left alone, a shop's staff
 * could point it at 127.0.0.1, the cloud's metadata address or any internal service, and read the
 * answers back. Every such call goes through this one guard:
 *
 * - in production an integration may name the hosts it allows (a gateway's documented hosts), and
 *   then only https to those hosts passes;
 * - the host is resolved here, every address it resolves to must be public (no loopback, private,
 *   link-local, carrier-grade NAT, multicast or reserved range, IPv4 or IPv6, IPv4-mapped and
 *   NAT64 forms included), and the socket connects to exactly the address that was checked: the
 *   resolution is pinned through the request's `lookup`, so a name that answers differently the
 *   second time (DNS rebinding) gains nothing;
 * - redirects are not followed, and an answer larger than the cap is cut off as a failure.
 *
 * `OUTBOUND_ALLOW_PRIVATE=on` (`WEBHOOK_ALLOW_PRIVATE` is read too) lifts the address and host
 * rules: the embedded mode and tests have it on, as their gateways are local fakes.
 *
 * Callers must not echo what the remote end answered in errors a tenant sees: through this guard
 * the remote is whatever the tenant chose.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { config } from './config.js';

export interface OutboundPolicy {
  /** The integration, for messages ("WeChat Pay"). */
  name: string;
  /** Hosts production may call (lower case); without it any public host passes. */
  hosts?: readonly string[];
}

/** A URL or an address the guard will not call; `message` is ours, never the remote's. */
export class OutboundRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundRefused';
  }
}

export interface OutboundInit {
  method: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Bytes of answer kept at most (default 1 MiB); more fails the call. */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 1 << 20;

// ---------------------------------------------------------------------------------------------
// Addresses

type Range = readonly [prefix: number[], bits: number];

/** IPv4 ranges that are not the public internet (RFC 6890 and friends). */
const PRIVATE_V4: Range[] = [
  [[0, 0, 0, 0], 8], // "this network"
  [[10, 0, 0, 0], 8],
  [[100, 64, 0, 0], 10], // carrier-grade NAT
  [[127, 0, 0, 0], 8],
  [[169, 254, 0, 0], 16], // link-local, cloud metadata
  [[172, 16, 0, 0], 12],
  [[192, 0, 0, 0], 24],
  [[192, 0, 2, 0], 24],
  [[192, 88, 99, 0], 24],
  [[192, 168, 0, 0], 16],
  [[198, 18, 0, 0], 15],
  [[198, 51, 100, 0], 24],
  [[203, 0, 113, 0], 24],
  [[224, 0, 0, 0], 4], // multicast
  [[240, 0, 0, 0], 4], // reserved, broadcast
];

/** IPv6 ranges that are not the public internet; the IPv4-carrying forms are checked as IPv4. */
const PRIVATE_V6: Range[] = [
  [[0, 0, 0, 0, 0, 0, 0, 0], 128], // unspecified
  [[0, 0, 0, 0, 0, 0, 0, 1], 128], // loopback
  [[0x100, 0, 0, 0], 64], // discard
  [[0x2001, 0x0db8], 32], // documentation
  [[0x2001, 0], 23], // IETF protocol assignments (Teredo, ORCHID...)
  [[0xfc00], 7], // unique local
  [[0xfe80], 10], // link-local
  [[0xfec0], 10], // site-local (deprecated, still routed inside some networks)
  [[0xff00], 8], // multicast
];

function inRange(words: number[], [prefix, bits]: Range, wordBits: number): boolean {
  for (let i = 0, left = bits; left > 0; i++, left -= wordBits) {
    const take = Math.min(wordBits, left);
    const mask = ((1 << take) - 1) << (wordBits - take);
    if (((words[i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

function v4Words(ip: string): number[] {
  return ip.split('.').map(Number);
}

/** An IPv6 address as eight 16-bit words (`::` expanded, a dotted IPv4 tail split in two). */
function v6Words(ip: string): number[] {
  let text = ip.split('%')[0]!.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = v4Words(dotted[1]!) as [number, number, number, number];
    text = text.slice(0, -dotted[1]!.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string | undefined) => (part ? part.split(':').map((w) => parseInt(w, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  return tail === undefined ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** The IPv4 address an IPv6 one carries (mapped, compatible, NAT64, 6to4), if any. */
function embeddedV4(w: number[]): string | null {
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  const zeros = (from: number, to: number) => w.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && w[5] === 0xffff) return v4(w[6]!, w[7]!); // ::ffff:a.b.c.d
  if (zeros(0, 6) && (w[6]! > 0 || w[7]! > 1)) return v4(w[6]!, w[7]!); // ::a.b.c.d (deprecated)
  if (w[0] === 0x64 && w[1] === 0xff9b && zeros(2, 6)) return v4(w[6]!, w[7]!); // 64:ff9b::/96
  if (w[0] === 0x2002) return v4(w[1]!, w[2]!); // 6to4
  return null;
}

/** True for any address that is not a public internet address (or not an address at all). */
export function isPrivateAddress(ip: string): boolean {
  const family = isIP(ip.split('%')[0]!);
  if (family === 4) return PRIVATE_V4.some((r) => inRange(v4Words(ip), r, 8));
  if (family !== 6) return true;
  const words = v6Words(ip);
  const carried = embeddedV4(words);
  if (carried) return isPrivateAddress(carried);
  return PRIVATE_V6.some((r) => inRange(words, r, 16));
}

// ---------------------------------------------------------------------------------------------
// URLs

const allowPrivate = () => config().outbound.allowPrivate;
const bareHost = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

/** What is wrong with calling this URL, before any resolution; null when nothing is. */
export function outboundUrlProblem(raw: string | URL, policy: OutboundPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http(s) URL';
  if (url.username || url.password) return 'must not carry a user name or password';
  if (allowPrivate()) return null;
  const host = bareHost(url);
  if (config().env === 'production' && policy.hosts) {
    if (url.protocol !== 'https:' || !policy.hosts.includes(host)) return `must be https on a ${policy.name} host (${policy.hosts.join(', ')})`;
  }
  if (isIP(host) && isPrivateAddress(host)) return 'must not be a loopback, private or link-local address';
  return null;
}

/** The system resolver; tests swap it to play a name that changes its answer. */
export const resolver = { lookup: dnsLookup };

/** Resolves a host and refuses it when any of its addresses is not public. */
function resolvePublic(hostname: string, family: number, callback: (err: Error | null, addresses: LookupAddress[]) => void): void {
  resolver.lookup(hostname, { all: true, family, verbatim: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused || !addresses.length) return callback(new OutboundRefused(`${hostname} resolves to an address that is not public`), []);
    callback(null, addresses);
  });
}

/** The lookup handed to the socket: it connects to what was checked, nothing else. */
const pinnedLookup: LookupFunction = (hostname, options, callback) => {
  resolvePublic(hostname, options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : Number(options.family ?? 0), (err, addresses) => {
    const cb = callback as (err: Error | null, address: string | LookupAddress[], family?: number) => void;
    if (err) return cb(err, '', 0);
    if (options.all) return cb(null, addresses);
    cb(null, addresses[0]!.address, addresses[0]!.family);
  });
};

/** Resolves the URL's host as a call would and answers what is wrong with it, or null. */
export async function checkOutboundUrl(raw: string, policy: OutboundPolicy): Promise<string | null> {
  const problem = outboundUrlProblem(raw, policy);
  if (problem || allowPrivate()) return problem;
  const host = bareHost(new URL(raw));
  if (isIP(host)) return null;
  return new Promise((resolve) =>
    // a name that does not resolve now may later: each call is checked again anyway
    resolvePublic(host, 0, (err) => resolve(err instanceof OutboundRefused ? 'must not resolve to a loopback, private or link-local address' : null)),
  );
}

function headersOf(res: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

/**
 * A fetch-shaped call through the guard: refuses the URL or the resolved address with
 * OutboundRefused, pins the connection to the checked address, never follows a redirect.
 */
export async function outboundFetch(raw: string | URL, init: OutboundInit, policy: OutboundPolicy): Promise<Response> {
  const problem = outboundUrlProblem(raw, policy);
  if (problem) throw new OutboundRefused(`${policy.name} URL ${problem}`);
  const url = new URL(raw);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const maxBytes = init.maxBytes ?? DEFAULT_MAX_BYTES;
  return new Promise<Response>((resolve, reject) => {
    const req = send(
      url,
      {
        method: init.method,
        headers: { ...init.headers, ...(init.body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(init.body)) }) },
        ...(allowPrivate() ? {} : { lookup: pinnedLookup }),
        ...(init.signal ? { signal: init.signal } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            req.destroy(new Error(`the answer is larger than ${maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 502;
          const body = status === 204 || status === 304 ? null : Buffer.concat(chunks);
          resolve(new Response(body, { status: status < 200 || status > 599 ? 502 : status, headers: headersOf(res) }));
        });
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}
