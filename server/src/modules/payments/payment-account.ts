/**
 * What the gateways' set-up modules share about a shop's own gateway account (the row itself is
 * the repository's `PaymentAccountRow`): its keys are sealed with APP_SECRET at rest and never
 * returned in answers, and the platform's keys come from the environment.
 */
import { existsSync, readFileSync } from 'node:fs';
import { decryptSecret, encryptSecret } from '../../core/crypto.js';

export const sealSecrets = (secrets: object): string => encryptSecret(JSON.stringify(secrets));
export const openSecrets = <T>(sealed: string): T => JSON.parse(decryptSecret(sealed)) as T;

/** A key from the environment: the PEM (or base64) itself, or the path of a file holding it. */
export function keyFromEnv(value: string | undefined): string {
  if (!value) return '';
  return !value.includes('BEGIN') && existsSync(value) ? readFileSync(value, 'utf8') : value;
}
