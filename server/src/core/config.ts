/**
 * Typed configuration: config/default.json, then config/<NODE_ENV>.json, then the environment
 * variables of DESIGN.md, validated once with zod. Secrets come only from the environment (or, in
 * embedded mode, a secret generated once into DATA_DIR).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from './paths.js';

const flag = z.union([z.boolean(), z.enum(['on', 'off', 'true', 'false', '1', '0'])]).transform((v) => v === true || v === 'on' || v === 'true' || v === '1');

const configSchema = z.object({
  env: z.enum(['development', 'production', 'test']),
  port: z.coerce.number().int().min(0).max(65535),
  dataDir: z.string().min(1),
  databaseUrl: z.string().url().optional(),
  redisUrl: z.string().url().optional(),
  appSecret: z.string().min(32, 'APP_SECRET must be at least 32 characters'),
  platformDomain: z.string().min(1).transform((d) => d.toLowerCase()),
  trustProxy: z.union([z.boolean(), z.number().int(), z.string()]),
  bodyLimit: z.string(),
  platformAdmin: z.object({ email: z.string().email(), password: z.string().min(8), fromEnv: z.boolean() }),
  tokens: z.object({ ttlHours: z.object({ platform: z.number(), supplier: z.number(), merchant: z.number(), shopper: z.number() }) }),
  /** Sign-in guards (core/auth/sign-in.ts): per account and address, then per account from unknown addresses. */
  login: z.object({
    maxFailures: z.number().int().positive(),
    lockMinutes: z.number().positive(),
    accountFailures: z.number().int().positive(),
    accountWindowMinutes: z.number().positive(),
    accountMaxDelaySeconds: z.number().positive(),
    knownAddressDays: z.number().positive(),
  }),
  rateLimits: z.object({
    enabled: flag,
    signInPerIpPerMinute: z.number().int().positive(),
    signUpPerIpPerHour: z.number().int().positive(),
    smsPerPhonePerMinute: z.number().int().positive(),
    smsPerIpPerHour: z.number().int().positive(),
    /** A flash sale's buy endpoint (modules/flashsale): attempts per shopper, and per client IP, per minute. */
    flashBuyPerShopperPerMinute: z.number().int().positive(),
    flashBuyPerIpPerMinute: z.number().int().positive(),
  }),
  tenantCacheSeconds: z.number().int().positive(),
  /** The platform's fee per plan, in basis points of the goods amount paid (a category may set its own). */
  platformFeeBps: z.record(z.string(), z.number().int().min(0).max(10_000)),
  seedDemo: flag,
  sandboxPayments: flag,
  wechat: z.object({ apiBase: z.string().url(), live: flag }),
  /**
   * WeChat Open Platform's third-party platform (modules/miniprogram): live when WECHAT_OPEN_LIVE is
   * on, which needs all four credentials; otherwise its sandbox plays WeChat locally.
   */
  wechatOpen: z
    .object({
      appid: z.string().regex(/^wx[0-9a-f]{16}$/, 'WECHAT_OPEN_APPID must look like wx followed by 16 hex digits').optional(),
      secret: z.string().min(16, 'WECHAT_OPEN_SECRET is too short').optional(),
      token: z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'WECHAT_OPEN_TOKEN must be 3 to 32 letters and digits').optional(),
      aesKey: z.string().regex(/^[A-Za-z0-9]{43}$/, 'WECHAT_OPEN_AES_KEY must be 43 letters and digits').optional(),
      apiBase: z.string().url(),
      live: flag,
    })
    .superRefine((o, ctx) => {
      if (!o.live) return;
      for (const [key, env] of [['appid', 'WECHAT_OPEN_APPID'], ['secret', 'WECHAT_OPEN_SECRET'], ['token', 'WECHAT_OPEN_TOKEN'], ['aesKey', 'WECHAT_OPEN_AES_KEY']] as const) {
        if (!o[key]) ctx.addIssue({ code: 'custom', path: [key], message: `${env} is required when WECHAT_OPEN_LIVE is on` });
      }
    }),
  sms: z.object({
    provider: z.enum(['sandbox', 'aliyun']),
    endpoint: z.string().url(),
    accessKeyId: z.string().optional(),
    accessKeySecret: z.string().optional(),
    signName: z.string(),
    templateCode: z.string(),
  }),
  email: z.object({
    provider: z.enum(['sandbox', 'smtp']),
    from: z.string(),
    smtpUrl: z.string().optional(),
  }),
  oss: z
    .object({ region: z.string(), bucket: z.string(), accessKeyId: z.string(), accessKeySecret: z.string(), endpoint: z.string().optional(), publicBaseUrl: z.string().optional() })
    .optional(),
  workers: z.object({ enabled: flag, pollMs: z.number().int().positive() }),
  /** Calls to URLs a tenant sets (core/outbound.ts): private addresses and any host only when on. */
  outbound: z.object({ allowPrivate: flag }),
  /** Parcel tracking; on when customer and key are set. Pushes are believed only when signed with the salt. */
  kuaidi100: z.object({ customer: z.string().optional(), key: z.string().optional(), salt: z.string().optional(), baseUrl: z.string().url().optional() }),
  /** Every JSON reply is checked against its route's response schema (core/reply-check.ts): on in tests, off in production. */
  checkReplies: flag,
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
});

export type Config = z.infer<typeof configSchema>;

export const kuaidi100On = (c: Pick<Config, 'kuaidi100'>) => !!(c.kuaidi100.customer && c.kuaidi100.key);

/** Settings that each parse alone but together would leave production open. */
function productionProblems(c: Config): string[] {
  if (c.env !== 'production') return [];
  const problems: string[] = [];
  // without a salt Kuaidi100 pushes unsigned, and anyone could post a parcel's route to the callback
  if (kuaidi100On(c) && !c.kuaidi100.salt) problems.push('  kuaidi100.salt: KUAIDI100_SALT is required in production when Kuaidi100 is on');
  // trusting every hop lets a client write its own address, and so dodge or aim the per-address guards
  if (c.trustProxy === true || c.trustProxy === 'true') problems.push('  trustProxy: TRUST_PROXY must name the proxy hops (a number) or addresses, not trust every hop');
  return problems;
}

type Json = Record<string, unknown>;

function readJson(file: string): Json {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Json) : {};
}

function deepMerge(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' ? deepMerge(b as Json, v as Json) : v;
  }
  return out;
}

/** Embedded mode keeps a generated secret beside its data so tokens survive restarts. */
function embeddedSecret(dataDir: string): string {
  const file = path.join(dataDir, 'app-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = (env.NODE_ENV === 'production' || env.NODE_ENV === 'test' ? env.NODE_ENV : 'development') as Config['env'];
  const dir = path.join(projectRoot, 'config');
  const raw = deepMerge(readJson(path.join(dir, 'default.json')), readJson(path.join(dir, `${nodeEnv}.json`)));
  const set = (keys: string[], value: unknown) => {
    if (value === undefined || value === '') return;
    let node = raw;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Json;
    node[keys[keys.length - 1]!] = value;
  };
  set(['port'], env.PORT);
  set(['dataDir'], env.DATA_DIR);
  set(['databaseUrl'], env.DATABASE_URL);
  set(['redisUrl'], env.REDIS_URL);
  set(['platformDomain'], env.PLATFORM_DOMAIN);
  set(['trustProxy'], env.TRUST_PROXY === undefined ? undefined : /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY);
  set(['platformAdmin', 'email'], env.PLATFORM_ADMIN_EMAIL);
  set(['platformAdmin', 'password'], env.PLATFORM_ADMIN_PASSWORD);
  (raw.platformAdmin as Json).fromEnv = Boolean(env.PLATFORM_ADMIN_EMAIL && env.PLATFORM_ADMIN_PASSWORD);
  set(['rateLimits', 'enabled'], env.RATE_LIMITS);
  set(['seedDemo'], env.SEED_DEMO);
  set(['sandboxPayments'], env.SANDBOX_PAYMENTS);
  set(['logLevel'], env.LOG_LEVEL);
  set(['workers', 'enabled'], env.WORKERS);
  set(['wechat', 'apiBase'], env.WECHAT_API_BASE);
  set(['wechat', 'live'], env.WECHAT_LIVE);
  set(['wechatOpen', 'appid'], env.WECHAT_OPEN_APPID);
  set(['wechatOpen', 'secret'], env.WECHAT_OPEN_SECRET);
  set(['wechatOpen', 'token'], env.WECHAT_OPEN_TOKEN);
  set(['wechatOpen', 'aesKey'], env.WECHAT_OPEN_AES_KEY);
  set(['wechatOpen', 'apiBase'], env.WECHAT_OPEN_API_BASE);
  set(['wechatOpen', 'live'], env.WECHAT_OPEN_LIVE);
  set(['outbound', 'allowPrivate'], env.OUTBOUND_ALLOW_PRIVATE ?? env.WEBHOOK_ALLOW_PRIVATE);
  set(['kuaidi100', 'customer'], env.KUAIDI100_CUSTOMER);
  set(['kuaidi100', 'key'], env.KUAIDI100_KEY);
  set(['kuaidi100', 'salt'], env.KUAIDI100_SALT);
  set(['kuaidi100', 'baseUrl'], env.KUAIDI100_BASE_URL);
  if (env.ALIYUN_SMS_ACCESS_KEY_ID) {
    set(['sms', 'provider'], 'aliyun');
    set(['sms', 'accessKeyId'], env.ALIYUN_SMS_ACCESS_KEY_ID);
    set(['sms', 'accessKeySecret'], env.ALIYUN_SMS_ACCESS_KEY_SECRET);
    set(['sms', 'signName'], env.ALIYUN_SMS_SIGN_NAME);
    set(['sms', 'templateCode'], env.ALIYUN_SMS_TEMPLATE_CODE);
    set(['sms', 'endpoint'], env.ALIYUN_SMS_ENDPOINT);
  }
  if (env.SMTP_URL) {
    set(['email', 'provider'], 'smtp');
    set(['email', 'smtpUrl'], env.SMTP_URL);
    set(['email', 'from'], env.SMTP_FROM);
  }
  if (env.OSS_BUCKET) {
    raw.oss = {
      region: env.OSS_REGION,
      bucket: env.OSS_BUCKET,
      accessKeyId: env.OSS_ACCESS_KEY_ID,
      accessKeySecret: env.OSS_ACCESS_KEY_SECRET,
      endpoint: env.OSS_ENDPOINT || undefined,
      publicBaseUrl: env.OSS_PUBLIC_BASE_URL || undefined,
    };
  }
  raw.env = nodeEnv;
  // the embedded mode's gateways and webhooks are local unless told otherwise
  const outbound = (raw.outbound ??= {}) as Json;
  outbound.allowPrivate ??= !raw.databaseUrl;
  raw.kuaidi100 ??= {};
  raw.dataDir = path.resolve(projectRoot, String(raw.dataDir));
  if (env.APP_SECRET) raw.appSecret = env.APP_SECRET;
  else if (nodeEnv === 'production') throw new Error('APP_SECRET is required in production (at least 32 characters)');
  else raw.appSecret = embeddedSecret(String(raw.dataDir));

  const parsed = configSchema.safeParse(raw);
  const lines = parsed.success ? productionProblems(parsed.data) : parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  if (lines.length || !parsed.success) throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  return parsed.data;
}

let current: Config | undefined;

export function config(): Config {
  return (current ??= loadConfig());
}

/** Replace the active configuration (boot and tests); returns the previous one. */
export function useConfig(next: Config): Config | undefined {
  const prev = current;
  current = next;
  return prev;
}

export function isEmbedded(c: Config = config()): boolean {
  return !c.databaseUrl;
}
