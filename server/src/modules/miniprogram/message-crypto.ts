/**
 * WeChat's message encryption (消息加解密, the WXBizMsgCrypt scheme) for the third-party platform's
 * pushes and our encrypted replies:
 *
 *   msg_signature = sha1(sort([token, timestamp, nonce, Encrypt]).join(''))
 *   Encrypt       = base64(AES-256-CBC(key, iv = key[0..16], pkcs7_32(random16 | len32be | msg | appid)))
 *   key           = base64decode(EncodingAESKey + '=')   (43 characters -> 32 bytes)
 *
 * PKCS#7 pads to 32-byte blocks (not AES's 16), so Node's own padding is off and ours is checked by
 * hand. Every refusal is a MessageRefused (its `reason` says which check failed) for the receiver
 * to answer 4xx and log; nothing of a refused message is believed.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const BLOCK = 32;

export type RefusalReason = 'bad_signature' | 'bad_padding' | 'wrong_appid' | 'malformed';

export class MessageRefused extends Error {
  constructor(readonly reason: RefusalReason, message: string) {
    super(message);
    this.name = 'MessageRefused';
  }
}

export interface MessageKeys {
  token: string;
  /** The 43-character EncodingAESKey set on the platform's console. */
  aesKey: string;
  /** The component appid: the last part of every plaintext, checked on the way in. */
  appid: string;
}

export function aesKeyBytes(encodingAesKey: string): Buffer {
  if (!/^[A-Za-z0-9]{43}$/.test(encodingAesKey)) throw new Error('EncodingAESKey must be 43 letters and digits');
  return Buffer.from(`${encodingAesKey}=`, 'base64');
}

export function messageSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
}

/** Constant-time, and false (not a throw) for a signature of the wrong length or alphabet. */
export function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function encryptMessage(keys: MessageKeys, message: string, random: Buffer = randomBytes(16)): string {
  const key = aesKeyBytes(keys.aesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  const plain = Buffer.concat([random, length, body, Buffer.from(keys.appid, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

/** The plaintext message of an `Encrypt` value, after its padding and appid are checked. */
export function decryptMessage(keys: MessageKeys, encrypt: string): string {
  const key = aesKeyBytes(keys.aesKey);
  const data = Buffer.from(encrypt, 'base64');
  if (!data.length || data.length % 16) throw new MessageRefused('malformed', 'ciphertext is not whole AES blocks');
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(data), decipher.final()]);
  const pad = padded[padded.length - 1]!;
  if (pad < 1 || pad > BLOCK || pad > padded.length || !padded.subarray(padded.length - pad).every((b) => b === pad)) {
    throw new MessageRefused('bad_padding', 'PKCS#7 padding does not check');
  }
  const plain = padded.subarray(0, padded.length - pad);
  if (plain.length < 20) throw new MessageRefused('malformed', 'plaintext shorter than its header');
  const length = plain.readUInt32BE(16);
  if (20 + length > plain.length) throw new MessageRefused('malformed', 'message length beyond the plaintext');
  const appid = plain.subarray(20 + length).toString('utf8');
  if (appid !== keys.appid) throw new MessageRefused('wrong_appid', `message for ${appid.slice(0, 32) || '(none)'}, not this platform`);
  return plain.subarray(20, 20 + length).toString('utf8');
}

export interface SignedQuery {
  timestamp: string;
  nonce: string;
  msgSignature: string;
}

/** Checks the push's msg_signature over its Encrypt, then decrypts it. */
export function openMessage(keys: MessageKeys, query: SignedQuery, encrypt: string): string {
  if (!signatureMatches(messageSignature(keys.token, query.timestamp, query.nonce, encrypt), query.msgSignature)) {
    throw new MessageRefused('bad_signature', 'msg_signature does not match');
  }
  return decryptMessage(keys, encrypt);
}

/** An encrypted, signed envelope as WeChat sends it (and as our replies and the sandbox's pushes are). */
export function sealMessage(keys: MessageKeys, message: string, timestamp: string, nonce: string): { encrypt: string; msgSignature: string } {
  const encrypt = encryptMessage(keys, message);
  return { encrypt, msgSignature: messageSignature(keys.token, timestamp, nonce, encrypt) };
}
