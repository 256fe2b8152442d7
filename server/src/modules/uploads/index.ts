/** Uploads: files proven by their bytes, stored locally or in OSS. */
import './routes.js';

export { storeUpload, type UploadedFile } from './service.js';
export { detectFileType } from './file-types.js';
