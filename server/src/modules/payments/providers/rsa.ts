/**
 * SHA256withRSA, the signature both WeChat Pay v3 and Alipay (RSA2) put on requests, answers and
 * notifications: base64 over the UTF-8 bytes of the message each gateway defines.
 */
import { createPrivateKey, createPublicKey, createSign, createVerify, type KeyObject } from 'node:crypto';

export function rsaSign(privateKey: KeyObject | string, message: string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');
}

/** False (never a throw) for anything that is not a valid signature of message by publicKey. */
export function rsaVerify(publicKey: KeyObject | string, message: string, signature: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

const der = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'base64');

/**
 * A private key as PEM, or as the bare base64 that Alipay's key tool hands out (PKCS#8 for Java,
 * PKCS#1 for the other languages). Throws when it is neither.
 */
export function privateKeyOf(text: string): KeyObject {
  if (text.includes('-----BEGIN')) return createPrivateKey(text);
  try {
    return createPrivateKey({ key: der(text), format: 'der', type: 'pkcs8' });
  } catch {
    return createPrivateKey({ key: der(text), format: 'der', type: 'pkcs1' });
  }
}

/** A public key as PEM (key or certificate), or as bare base64 SubjectPublicKeyInfo. Throws when it is neither. */
export function publicKeyOf(text: string): KeyObject {
  if (text.includes('-----BEGIN')) return createPublicKey(text);
  return createPublicKey({ key: der(text), format: 'der', type: 'spki' });
}
