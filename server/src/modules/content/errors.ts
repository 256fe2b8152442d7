import { conflict } from '../../core/errors.js';

/** The content module's error codes. */
export const contentErrors = {
  /** Publishing what is published (or withdrawing a draft): the transition happened already. */
  alreadyPublished: () => conflict('already_published', 'This article is published already'),
  notPublished: () => conflict('not_published', 'This article is not published'),
};
