/** A refusal of the group-buy endpoints in the shopper's words. */
import { t, te } from '../../../../../shared/i18n';
import { errorMessage, isApiError } from '../../../api';

export function groupErrorText(err: unknown): string {
  if (isApiError(err) && te(`groupbuy.errors.${err.code}`)) return t(`groupbuy.errors.${err.code}`);
  return errorMessage(err);
}
