/** A refusal of the community endpoints in the shopper's (or leader's) words. */
import { t, te } from '../../../../shared/i18n';
import { errorMessage, isApiError } from '../../api';

export function communityErrorText(err: unknown): string {
  if (isApiError(err) && te(`community.errors.${err.code}`)) return t(`community.errors.${err.code}`);
  return errorMessage(err);
}
