/** The miniprogram module's public surface. */
export { extJsonFor, productScene, shareScene, sceneCode, HOME_PAGE, PRODUCT_PAGE, type Overview, type SubmissionView } from './service.js';
