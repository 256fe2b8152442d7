/** An image the shopper picked, sent to `POST /uploads` (multipart field `file`) the way the web shop uploads. */
import { errorOf, headers } from './api.js';
import { tenantConfig } from './config.js';

export function uploadImage(filePath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.uploadFile({
      url: `${tenantConfig().apiBase}/uploads`,
      filePath,
      name: 'file',
      header: headers(),
      success: (res) => {
        let body: unknown = res.data;
        try {
          body = JSON.parse(res.data);
        } catch {
          // not JSON: errorOf names the status
        }
        if (res.statusCode === 201 || res.statusCode === 200) resolve((body as { url: string }).url);
        else reject(errorOf(res.statusCode, body));
      },
      fail: (err) => reject(new Error(err.errMsg)),
    });
  });
}

/** An upload's URL as the mini-program loads it: the API's origin before a path the server answered. */
export function absoluteUrl(url: string | null | undefined): string {
  if (!url) return '';
  if (/^https?:\/\//.test(url)) return url;
  const origin = /^(https?:\/\/[^/]+)/.exec(tenantConfig().apiBase)?.[1] ?? '';
  return `${origin}${url.startsWith('/') ? '' : '/'}${url}`;
}

/** One image from the album or camera (wx.chooseMedia), or null when the shopper backed out. */
export function chooseImage(): Promise<string | null> {
  return new Promise((resolve) => {
    wx.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sizeType: ['compressed'],
      success: (res) => resolve(res.tempFiles[0]?.tempFilePath ?? null),
      fail: () => resolve(null),
    });
  });
}
