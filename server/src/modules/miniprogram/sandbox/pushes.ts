/**
 * What the sandbox's WeChat pushes, encrypted and signed exactly as WeChat does, into the same
 * receiver functions the HTTP routes call: the component_verify_ticket on each process's first
 * worker pass and every 10 minutes after (WeChat's rhythm), and each audit's result a few seconds
 * after submit_audit, by a job (withdrawing the audit cancels it).
 */
import { randomBytes } from 'node:crypto';
import { clock, minutes } from '../../../core/clock.js';
import { systemContext } from '../../../core/context.js';
import { cancelJob, scheduleJob, type JobHandler, type Sweep } from '../../../core/jobs.js';
import { sealMessage } from '../message-crypto.js';
import { isLive, platformKeys } from '../platform.js';
import { receiveAuthorizerPush, receiveComponentPush, type PushQuery } from '../receiver.js';
import { wechatXml } from '../wechat-xml.js';
import { issue } from './credentials.js';

export const SANDBOX_AUDIT_JOB = 'miniprogram.sandbox-audit';
const AUDIT_DELAY_MS = 3000;
const TICKET_EVERY_MS = minutes(10);

export type AuditOutcome = { result: 'success' } | { result: 'fail'; reason: string } | { result: 'delay'; reason: string };

/** The query and body of a push, as WeChat posts them. */
function envelope(outerTag: 'AppId' | 'ToUserName', outerValue: string, message: string): { query: PushQuery; body: string } {
  const keys = platformKeys();
  const timestamp = String(Math.floor(clock.nowMs() / 1000));
  const nonce = String(randomBytes(4).readUInt32BE(0));
  const { encrypt, msgSignature } = sealMessage(keys, message, timestamp, nonce);
  return { query: { timestamp, nonce, encrypt_type: 'aes', msg_signature: msgSignature }, body: wechatXml({ [outerTag]: outerValue, Encrypt: encrypt }) };
}

export async function pushSandboxTicket(): Promise<void> {
  const keys = platformKeys();
  const message = wechatXml({
    AppId: keys.appid,
    CreateTime: Math.floor(clock.nowMs() / 1000),
    InfoType: 'component_verify_ticket',
    // WeChat's tickets live 12 hours
    ComponentVerifyTicket: issue('ticket', {}, 12 * 3600),
  });
  const { query, body } = envelope('AppId', keys.appid, message);
  await receiveComponentPush(query, body);
}

let nextTicketAt = 0;

/** The sandbox's WeChat on its 10-minute rhythm; nothing when live (WeChat pushes itself). */
export const sandboxTicketSweep: Sweep = {
  name: 'miniprogram.sandbox-ticket',
  async run() {
    if (isLive() || clock.nowMs() < nextTicketAt) return 0;
    nextTicketAt = clock.nowMs() + TICKET_EVERY_MS;
    await pushSandboxTicket();
    return 1;
  },
};

const auditKey = (appid: string) => `${SANDBOX_AUDIT_JOB}:${appid}`;

export async function scheduleSandboxAudit(appid: string, outcome: AuditOutcome): Promise<void> {
  const ctx = systemContext(SANDBOX_AUDIT_JOB);
  await cancelJob(ctx, auditKey(appid));
  await scheduleJob(ctx, SANDBOX_AUDIT_JOB, new Date(clock.nowMs() + AUDIT_DELAY_MS), { appid, ...outcome }, { dedupeKey: auditKey(appid), tenantId: null, maxAttempts: 5 });
}

export async function cancelSandboxAudit(appid: string): Promise<void> {
  await cancelJob(systemContext(SANDBOX_AUDIT_JOB), auditKey(appid));
}

export const sandboxAuditJob: JobHandler = async (_ctx, payload) => {
  const appid = String(payload.appid);
  const now = Math.floor(clock.nowMs() / 1000);
  const head = { ToUserName: `gh_${appid.slice(2, 14)}`, FromUserName: `o${appid.slice(2)}`, CreateTime: now, MsgType: 'event' };
  const message =
    payload.result === 'fail'
      ? wechatXml({ ...head, Event: 'weapp_audit_fail', Reason: String(payload.reason), FailTime: now, ScreenShot: '' })
      : payload.result === 'delay'
        ? wechatXml({ ...head, Event: 'weapp_audit_delay', Reason: String(payload.reason), DelayTime: now })
        : wechatXml({ ...head, Event: 'weapp_audit_success', SuccTime: now });
  const { query, body } = envelope('ToUserName', head.ToUserName, message);
  await receiveAuthorizerPush(appid, query, body);
};
