/** A refusal of the distribution endpoints in the shopper's words. */
import { t, te } from '../../../../shared/i18n';
import { errorMessage, isApiError } from '../../api';

export function distributionError(err: unknown): string {
  if (isApiError(err) && te(`distribution.errors.${err.code}`)) return t(`distribution.errors.${err.code}`);
  return errorMessage(err);
}
