/**
 * The cryptography of WeChat Pay API v3, kept apart from HTTP so each rule reads on its own:
 * - every request carries `Authorization: WECHATPAY2-SHA256-RSA2048 ...`, an RSA-SHA256 signature
 *   by the merchant API key over `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n`;
 * - every answer and notification is signed by WeChat Pay (platform certificate or WeChat Pay public
 *   key, named by `Wechatpay-Serial`) over `TIMESTAMP\nNONCE\nBODY\n`;
 * - a notification's `resource` is AEAD_AES_256_GCM with the APIv3 key, its nonce as IV, its
 *   associated_data as AAD and the 16-byte tag appended to the base64 ciphertext;
 * - wx.requestPayment's paySign is the merchant key's signature over `APPID\nTIMESTAMP\nNONCE\nPACKAGE\n`.
 * Every signed string is lines each ended by `\n`, the last one included.
 */
import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';
import { rsaSign, rsaVerify } from './rsa.js';

export const AUTH_SCHEME = 'WECHATPAY2-SHA256-RSA2048';

export interface EncryptedResource {
  algorithm: string;
  ciphertext: string;
  nonce: string;
  associated_data?: string;
  original_type?: string;
}

/** The string WeChat Pay signs: each line followed by `\n`. */
export function signedLines(...lines: string[]): string {
  return lines.map((line) => `${line}\n`).join('');
}

export { rsaSign as signMessage, rsaVerify as verifyMessage };

/** 32 characters, as WeChat Pay asks of nonce_str and nonceStr. */
export function nonceStr(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

export function unixSeconds(ms: number = Date.now()): string {
  return Math.floor(ms / 1000).toString();
}

export function authorization(input: {
  mchid: string;
  serialNo: string;
  privateKey: KeyObject | string;
  method: string;
  /** Path and query as sent, without scheme and host. */
  pathAndQuery: string;
  body: string;
  timestamp?: string;
  nonce?: string;
}): string {
  const timestamp = input.timestamp ?? unixSeconds();
  const nonce = input.nonce ?? nonceStr();
  const signature = rsaSign(input.privateKey, signedLines(input.method.toUpperCase(), input.pathAndQuery, timestamp, nonce, input.body));
  return `${AUTH_SCHEME} mchid="${input.mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${input.serialNo}"`;
}

/** Opens a notification resource; throws when the key, nonce, associated data or ciphertext is wrong. */
export function decryptResource(apiV3Key: string, resource: EncryptedResource): string {
  if (resource.algorithm !== 'AEAD_AES_256_GCM') throw new Error(`unsupported resource algorithm ${resource.algorithm}`);
  const sealed = Buffer.from(resource.ciphertext, 'base64');
  if (sealed.length <= 16) throw new Error('resource ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(resource.nonce, 'utf8'));
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]).toString('utf8');
}

/** The inverse of decryptResource, for a sandbox gateway that posts genuine-looking notifications. */
export function encryptResource(apiV3Key: string, plaintext: string, associatedData = 'transaction', originalType = 'transaction'): EncryptedResource {
  const nonce = randomBytes(6).toString('hex');
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { original_type: originalType, algorithm: 'AEAD_AES_256_GCM', ciphertext: sealed.toString('base64'), associated_data: associatedData, nonce };
}

export { beijingTime } from './beijing-time.js';
