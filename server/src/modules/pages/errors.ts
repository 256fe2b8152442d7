import { conflict } from '../../core/errors.js';

/** The pages module's error codes. */
export const pagesErrors = {
  /** A shop has one home page: a second POST of kind home, or parallel ones, get this. */
  homePageExists: () => conflict('home_page_exists', 'This shop already has a home page; edit it instead'),
  /** The home page is edited, not removed: the storefront would fall back silently otherwise. */
  homePageKept: () => conflict('home_page_kept', 'The home page cannot be deleted; edit or republish it'),
};
