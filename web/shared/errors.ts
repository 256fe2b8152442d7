/**
 * The words for API errors. The API's `code` is stable and its `message` English, for developers; a
 * screen shows the message of area `errors` for the code, and for a refused field its name (area
 * `fields`) with the words for the field's code (area `validation`): "收货人姓名至少 2 个字".
 */
import { ApiError, type FieldError } from './api';
import { t, te } from './i18n';
import { labels } from './labels';
import type { AccountType, Bucket } from './types';

export const accountTypeText = labels<AccountType>('status.account', ['platform', 'tenant', 'supplier', 'shopper', 'clearing']);

export const bucketText = labels<Bucket>('status.bucket', ['available', 'frozen', 'held']);

interface BalanceShort {
  account?: { type?: string; id?: number; name?: string | null };
  bucket?: string;
  available?: number;
  required?: number;
}

const yuan = (fen: number | undefined) => `¥${((fen ?? 0) / 100).toFixed(2)}`;

/**
 * `insufficient_balance` names the account that cannot cover a debit: the shopper's own balance
 * (paying), or a party whose share of a refund is not there (e.g. a supplier's settled money held for
 * a withdrawal until the platform rejects it).
 */
function balanceShortText(details: BalanceShort | undefined): string {
  const type = details?.account?.type as AccountType | undefined;
  if (!type || type === 'shopper') return t('errors.codes.insufficient_balance');
  const kind = accountTypeText[type] ?? t('errors.account');
  const who = type === 'tenant' || type === 'supplier' ? details?.account?.name ? t('common.namedAccount', { type: kind, name: details.account.name }) : kind : kind;
  return t('errors.balanceShort', {
    who,
    bucket: bucketText[details?.bucket as Bucket] ?? '',
    required: yuan(details?.required),
    available: yuan(details?.available),
  });
}

/** `wechat_error` carries WeChat's own errcode and errmsg: the person (or the platform's support) needs them as WeChat wrote them. */
function wechatSaid(details: { errcode?: unknown; errmsg?: unknown } | undefined): string {
  const base = t('errors.codes.wechat_error');
  if (typeof details?.errmsg !== 'string' || !details.errmsg) return base;
  return t('errors.wechatSaid', { base, errmsg: details.errmsg, errcode: String(details.errcode ?? '') });
}

/** The words for an API error, or null when there are none for its code. */
export function errorText(err: unknown): string | null {
  if (!(err instanceof ApiError)) return null;
  if (err.code === 'insufficient_balance') return balanceShortText(err.raw as BalanceShort | undefined);
  if (err.code === 'wechat_error') return wechatSaid(err.raw as { errcode?: unknown; errmsg?: unknown } | undefined);
  const key = `errors.codes.${err.code}`;
  return te(key) ? t(key) : null;
}

/** Any error in words: the code's words, else a general sentence (never the API's English). */
export function errorWords(err: unknown): string {
  const known = errorText(err);
  if (known) return known;
  if (err instanceof ApiError) return err.status >= 500 ? t('errors.http', { status: err.status }) : t('errors.fallback');
  return t('errors.fallback');
}

/** `address.name` -> its label: `fields.address_name`, else `fields.name`, else "此项". */
export function fieldLabel(field: string): string {
  const path = field.replace(/\[\d+\]/g, '');
  const whole = `fields.${path.replace(/\./g, '_')}`;
  if (te(whole)) return t(whole);
  const leaf = `fields.${path.split('.').pop()}`;
  return te(leaf) ? t(leaf) : '';
}

/**
 * One refused field in words. Prefers words for the field's own rule (`validation.password.invalid_format`),
 * then the general words for its code; a field without a code (a refusal written by hand, e.g.
 * "already taken") takes the words of the error's code.
 */
export function fieldErrorText(d: FieldError, err?: unknown): string {
  const leaf = d.field.replace(/\[\d+\]/g, '').split('.').pop() ?? '';
  const label = fieldLabel(d.field);
  if (d.code) {
    const own = `validation.${leaf}.${d.code}`;
    if (te(own)) return t(own);
    const general = `validation.${d.code}`;
    if (te(general)) return t(general, { field: label || t('fields.this'), minimum: d.minimum ?? '', maximum: d.maximum ?? '' });
  }
  if (/taken|registered/.test(d.message)) return t('validation.taken', { field: label || t('fields.this') });
  return errorText(err) ?? t('validation.invalid', { field: label || t('fields.this') });
}
