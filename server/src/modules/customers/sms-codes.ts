/**
 * One-time SMS codes for shopper sign-in, phone binding and password reset: 6 digits, 5 minutes,
 * 5 tries, one per phone per minute. Only a hash is kept, in the shared cache. Each try is
 * claimed with one atomic increment before the code is compared, and a right code is consumed by
 * a delete-if-unchanged, so racing guesses get five comparisons between them and a code works once.
 */
import { randomInt } from 'node:crypto';
import { cache } from '../../core/cache.js';
import { config } from '../../core/config.js';
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { sha256 } from '../../core/crypto.js';
import { AppError } from '../../core/errors.js';
import { sendSms } from '../../core/messaging/index.js';
import { hit } from '../../core/rate-limit.js';

export type CodePurpose = 'login' | 'bind' | 'reset';

const TTL_SECONDS = 300;
const MAX_TRIES = 5;

const key = (tenantId: number, purpose: CodePurpose, phone: string) => `sms-code:${tenantId}:${purpose}:${phone}`;
const triesKey = (codeKey: string) => `${codeKey}:tries`;

export const codeInvalid = () => new AppError(400, 'sms_code_invalid', 'The SMS code is wrong or expired', [{ field: 'code', message: 'wrong or expired' }]);

export async function sendCode(ctx: Ctx, phone: string, purpose: CodePurpose): Promise<{ sent: true; expiresInSeconds: number }> {
  const tenantId = requireTenantId(ctx);
  const limits = config().rateLimits;
  await hit({ name: 'sms:phone', limit: limits.smsPerPhonePerMinute, windowSeconds: 60 }, `${tenantId}:${phone}`);
  await hit({ name: 'sms:ip', limit: limits.smsPerIpPerHour, windowSeconds: 3600 }, ctx.ip ?? 'unknown');
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const k = key(tenantId, purpose, phone);
  await cache().set(k, sha256(`${phone}:${code}`), TTL_SECONDS);
  await cache().del(triesKey(k));
  await sendSms(ctx, {
    phone,
    text: `【${ctx.tenant?.name ?? '商城'}】您的验证码是 ${code}，5 分钟内有效。如非本人操作，请忽略本短信。`,
    template: { code: config().sms.templateCode, params: { code } },
  });
  return { sent: true as const, expiresInSeconds: TTL_SECONDS };
}

/** Consumes the code when right; counts a try either way; throws 400 sms_code_invalid. */
export async function checkCode(ctx: Ctx, phone: string, purpose: CodePurpose, code: string): Promise<void> {
  const k = key(requireTenantId(ctx), purpose, phone);
  if ((await cache().incr(triesKey(k), TTL_SECONDS)) > MAX_TRIES) {
    await cache().del(k);
    throw codeInvalid();
  }
  const hash = await cache().get(k);
  if (hash === null || hash !== sha256(`${phone}:${code}`)) throw codeInvalid();
  if (!(await cache().delIfEquals(k, hash))) throw codeInvalid();
  await cache().del(triesKey(k));
}
