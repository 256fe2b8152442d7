/** The miniprogram module's public surface. */
export { extJsonFor, productScene, PRODUCT_PAGE, type Overview, type SubmissionView } from './service.js';
