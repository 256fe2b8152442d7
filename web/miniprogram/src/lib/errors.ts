/**
 * An API error in words: the shared texts of web/shared/locales/<lang>/errors.ts by code (the API's
 * own message is English, for developers), else a general sentence. Never the raw code.
 */
import { ApiError } from './api.js';
import { t, te } from './i18n.js';

export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    const key = `errors.codes.${err.code}`;
    if (te(key)) return t(key);
    return err.status >= 500 ? t('errors.http', { status: err.status }) : t('errors.fallback');
  }
  return t('errors.fallback');
}

/** A toast with the error's words (WeChat cuts toast titles at about 7 Chinese characters with an icon; none keeps two lines). */
export function showError(err: unknown): void {
  wx.showToast({ title: errorText(err), icon: 'none', duration: 2500 });
}
