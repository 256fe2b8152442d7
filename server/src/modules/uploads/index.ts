/** Uploads: files proven by their bytes, stored locally or in OSS. */
export { storeUpload, isShopImage, type UploadedFile } from './service.js';
export { detectFileType } from './file-types.js';
