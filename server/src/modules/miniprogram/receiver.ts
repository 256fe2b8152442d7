/**
 * WeChat's pushes to the platform, checked before anything is believed: the outer XML is parsed
 * strictly, the msg_signature is checked over its Encrypt (constant time), the message decrypted
 * and its appid checked against ours. A refusal is logged and answered 401 (signature) or 400;
 * WeChat retries a push it gets no `success` for, so every handler below is idempotent.
 */
import { clock } from '../../core/clock.js';
import { systemContext } from '../../core/context.js';
import { encryptSecret } from '../../core/crypto.js';
import { AppError } from '../../core/errors.js';
import { logger } from '../../core/logger.js';
import { MessageRefused, openMessage } from './message-crypto.js';
import { platformKeys } from './platform.js';
import * as repo from './repository.js';
import { applyAuditResult, authorizationChanged, authorizationRevoked } from './service.js';
import { parseWechatXml, XmlRefused } from './wechat-xml.js';

export interface PushQuery {
  timestamp?: string;
  nonce?: string;
  msg_signature?: string;
  signature?: string;
  encrypt_type?: string;
}

function open(query: PushQuery, body: string, source: string): Record<string, string> {
  try {
    const outer = parseWechatXml(body);
    if (!outer.Encrypt || !query.timestamp || !query.nonce || !query.msg_signature) throw new MessageRefused('malformed', 'Encrypt, timestamp, nonce or msg_signature missing');
    return parseWechatXml(openMessage(platformKeys(), { timestamp: query.timestamp, nonce: query.nonce, msgSignature: query.msg_signature }, outer.Encrypt));
  } catch (err) {
    if (!(err instanceof MessageRefused) && !(err instanceof XmlRefused)) throw err;
    const reason = err instanceof MessageRefused ? err.reason : 'malformed';
    logger().warn({ source, reason, detail: err.message }, 'refused a WeChat push');
    throw reason === 'bad_signature'
      ? new AppError(401, 'wechat_signature_invalid', 'The push is not signed with the platform\'s token')
      : new AppError(400, 'wechat_message_invalid', `The push could not be opened (${reason})`);
  }
}

/** The authorization events (授权事件): the ticket every 10 minutes, and a mini-program (un)authorizing. */
export async function receiveComponentPush(query: PushQuery, body: string): Promise<void> {
  const message = open(query, body, 'component');
  const ctx = systemContext('miniprogram.push');
  switch (message.InfoType) {
    case 'component_verify_ticket':
      if (!message.ComponentVerifyTicket) throw new AppError(400, 'wechat_message_invalid', 'The ticket push has no ticket');
      await repo.storeTicket(ctx, platformKeys().appid, encryptSecret(message.ComponentVerifyTicket), createdAt(message));
      return;
    case 'authorized':
    case 'updateauthorized':
      if (message.AuthorizerAppid) await authorizationChanged(message.AuthorizerAppid, message.AuthorizationCode);
      return;
    case 'unauthorized':
      if (message.AuthorizerAppid) await authorizationRevoked(message.AuthorizerAppid);
      return;
    default:
      logger().info({ infoType: message.InfoType }, 'WeChat push of a kind the platform does not handle');
  }
}

const createdAt = (message: Record<string, string>) => (/^\d+$/.test(message.CreateTime ?? '') ? new Date(Number(message.CreateTime) * 1000) : clock.now());

/** A mini-program's messages and events (消息与事件): the audit results. */
export async function receiveAuthorizerPush(appid: string, query: PushQuery, body: string): Promise<void> {
  const message = open(query, body, `authorizer ${appid}`);
  if (message.MsgType !== 'event') return;
  switch (message.Event) {
    case 'weapp_audit_success':
      return applyAuditResult(appid, { result: 'success' });
    case 'weapp_audit_fail':
      return applyAuditResult(appid, { result: 'fail', reason: message.Reason ?? '' });
    case 'weapp_audit_delay':
      return applyAuditResult(appid, { result: 'delay', reason: message.Reason ?? '' });
    default:
  }
}
