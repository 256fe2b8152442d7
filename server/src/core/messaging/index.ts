/**
 * Outside messages (SMS through Aliyun SMS, email through SMTP). Each goes through an adapter
 * chosen by configuration; the sandbox adapters deliver nothing and keep the message in
 * outbound_messages, which tests and the console read.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { config } from '../config.js';
import type { Ctx } from '../context.js';
import { logger } from '../logger.js';
import { AliyunSms } from './aliyun-sms.js';
import { OutboundMessage } from './outbound-message.js';

export { OutboundMessage } from './outbound-message.js';
export { AliyunSms, popSignature, popEncode } from './aliyun-sms.js';

/** An email body for people who read Chinese first: the Chinese text, a rule, then the same in English. */
export const bilingual = (zh: string, en: string): string => `${zh}\n\n——\n\n${en}`;

export interface SmsMessage {
  phone: string;
  /** The readable text (kept in the outbox). */
  text: string;
  /** The provider template and its parameters, e.g. a verification code. */
  template?: { code: string; params: Record<string, string> };
}

/** Messages leave after the change that caused them commits: a network call must not hold a transaction. */
function assertOutsideTransaction(ctx: Ctx): void {
  if (ctx.transaction) throw new Error('send messages after the transaction commits (afterCommit)');
}

export async function sendSms(ctx: Ctx, message: SmsMessage): Promise<OutboundMessage> {
  assertOutsideTransaction(ctx);
  const sms = config().sms;
  const base = { tenantId: ctx.tenantId, channel: 'sms' as const, recipient: message.phone, subject: null, body: message.text };
  if (sms.provider === 'sandbox' || !sms.accessKeyId || !sms.accessKeySecret) {
    return OutboundMessage.create({ ...base, provider: 'sandbox', status: 'sandboxed', providerRef: null, error: null });
  }
  const client = new AliyunSms({ endpoint: sms.endpoint, accessKeyId: sms.accessKeyId, accessKeySecret: sms.accessKeySecret, signName: sms.signName });
  const result = await client.send(message.phone, message.template?.code ?? sms.templateCode, message.template?.params ?? {});
  if (!result.ok) logger().warn({ phone: message.phone, error: result.error }, 'sms failed');
  return OutboundMessage.create({ ...base, provider: 'aliyun', status: result.ok ? 'sent' : 'failed', providerRef: result.ref, error: result.error });
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

let transport: Transporter | undefined;

export async function sendEmail(ctx: Ctx, message: EmailMessage): Promise<OutboundMessage> {
  assertOutsideTransaction(ctx);
  const email = config().email;
  const base = { tenantId: ctx.tenantId, channel: 'email' as const, recipient: message.to, subject: message.subject, body: message.text };
  if (email.provider === 'sandbox' || !email.smtpUrl) {
    return OutboundMessage.create({ ...base, provider: 'sandbox', status: 'sandboxed', providerRef: null, error: null });
  }
  transport ??= nodemailer.createTransport(email.smtpUrl);
  try {
    const info = await transport.sendMail({ from: email.from, to: message.to, subject: message.subject, text: message.text });
    return OutboundMessage.create({ ...base, provider: 'smtp', status: 'sent', providerRef: String(info.messageId ?? ''), error: null });
  } catch (err) {
    logger().warn({ to: message.to, err }, 'email failed');
    return OutboundMessage.create({ ...base, provider: 'smtp', status: 'failed', providerRef: null, error: (err as Error).message });
  }
}

export function resetMailTransport(): void {
  transport?.close();
  transport = undefined;
}
