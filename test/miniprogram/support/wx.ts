/**
 * The `wx` API stubbed at its edge for mini-program tests: wx.request and wx.uploadFile go over real
 * HTTP (to the test server), wx.connectSocket is a real WebSocket (the `ws` package), storage lives in
 * memory, wx.login hands out a code (the sandbox code2session turns it into a stable openid), and the
 * calls a test asserts on (navigation, toasts, modals, payments, clipboard...) are recorded in `calls`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import type { TenantConfig } from '../../../web/miniprogram/src/lib/tenant-config.js';

type Callbacks = { success?: (res: unknown) => void; fail?: (err: { errMsg: string }) => void; complete?: (res: unknown) => void };
type AnyOptions = Record<string, unknown> & Callbacks;

export interface RecordedRequest {
  method: string;
  url: string;
  path: string;
  header: Record<string, string>;
  data: unknown;
  status?: number;
}

export interface RecordedCall {
  api: string;
  options: AnyOptions;
}

export interface SocketStub {
  url: string;
  header: Record<string, string>;
  ws: WebSocket;
}

export interface WxStub {
  /** Every request made through wx.request / wx.uploadFile, in order. */
  requests: RecordedRequest[];
  /** Every recorded API call (navigation, toasts, payment...), in order. */
  calls: RecordedCall[];
  sockets: SocketStub[];
  storage: Map<string, unknown>;
  /** What wx.login's code is (the same code signs in the same shopper again). */
  loginCode: string;
  /** How wx.requestPayment ends. */
  payment: 'success' | 'cancel' | 'fail';
  /** What wx.showModal answers. */
  modalConfirms: boolean;
  config: TenantConfig;
  /** The calls of one API, e.g. `callsOf('navigateTo')[0].url`. */
  callsOf(api: string): AnyOptions[];
  /** Requests whose path (under the API base, query included) starts with `prefix`. */
  requestsTo(prefix: string, method?: string): RecordedRequest[];
  /** Resolves when no request is in flight (and a few ticks passed, so the page ran its setData). */
  idle(): Promise<void>;
  closeSockets(): Promise<void>;
  api: Record<string, unknown>;
}

const done = (opts: Callbacks, res: unknown) => {
  opts.success?.(res);
  opts.complete?.(res);
};
const failed = (opts: Callbacks, errMsg: string) => {
  opts.fail?.({ errMsg });
  opts.complete?.({ errMsg });
};

/** Calls that only record and succeed: what a test looks at, not what it serves. */
const RECORDED = [
  'navigateTo', 'redirectTo', 'switchTab', 'reLaunch', 'navigateBack', 'showToast', 'hideToast', 'showLoading', 'hideLoading',
  'setNavigationBarTitle', 'setNavigationBarColor', 'setTabBarStyle', 'setTabBarItem', 'setTabBarBadge', 'removeTabBarBadge',
  'stopPullDownRefresh', 'startPullDownRefresh', 'setClipboardData', 'previewImage', 'saveImageToPhotosAlbum', 'showShareMenu',
  'pageScrollTo', 'vibrateShort', 'makePhoneCall', 'openLocation', 'showActionSheet',
];

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

export function createWx(config: TenantConfig): WxStub {
  let inFlight = 0;
  const stub: WxStub = {
    requests: [],
    calls: [],
    sockets: [],
    storage: new Map(),
    loginCode: 'mp-shopper-1',
    payment: 'success',
    modalConfirms: true,
    config,
    callsOf: (api) => stub.calls.filter((c) => c.api === api).map((c) => c.options),
    requestsTo: (prefix, method) => stub.requests.filter((r) => r.path.startsWith(prefix) && (!method || r.method === method)),
    async idle() {
      // two quiet checks in a row: a page often chains a second request off the first answer
      for (let quiet = 0; quiet < 3; ) {
        await tick();
        quiet = inFlight === 0 ? quiet + 1 : 0;
      }
    },
    async closeSockets() {
      await Promise.all(stub.sockets.map((s) => (s.ws.readyState === WebSocket.CLOSED ? undefined : new Promise<void>((resolve) => { s.ws.once('close', () => resolve()); s.ws.terminate(); }))));
    },
    api: {},
  };

  const record = (api: string) => (options: AnyOptions = {}) => {
    stub.calls.push({ api, options });
    if (api === 'showActionSheet') return done(options, { tapIndex: 0 });
    done(options, { errMsg: `${api}:ok` });
    return Promise.resolve({ errMsg: `${api}:ok` });
  };

  const pathOf = (url: string) => (url.startsWith(config.apiBase) ? url.slice(config.apiBase.length) : url);

  async function httpRequest(options: AnyOptions): Promise<void> {
    const method = String(options.method ?? 'GET').toUpperCase();
    let url = String(options.url);
    const header = { ...((options.header as Record<string, string>) ?? {}) };
    const recorded: RecordedRequest = { method, url, path: pathOf(url), header, data: options.data };
    stub.requests.push(recorded);
    let body: string | undefined;
    if (options.data !== undefined && options.data !== null) {
      // as WeChat does: GET data becomes the query string, other methods send JSON
      if (method === 'GET') url += (url.includes('?') ? '&' : '?') + new URLSearchParams(options.data as Record<string, string>).toString();
      else body = typeof options.data === 'string' ? options.data : JSON.stringify(options.data);
    }
    inFlight++;
    try {
      const res = await fetch(url, { method, headers: header, body });
      recorded.status = res.status;
      const headersOut = Object.fromEntries(res.headers.entries());
      let data: unknown;
      if (options.responseType === 'arraybuffer') {
        const buf = await res.arrayBuffer();
        data = buf;
      } else {
        const text = await res.text();
        try {
          data = options.dataType === 'json' || options.dataType === undefined ? JSON.parse(text) : text;
        } catch {
          data = text;
        }
      }
      done(options, { statusCode: res.status, data, header: headersOut, errMsg: 'request:ok' });
    } catch (err) {
      failed(options, `request:fail ${(err as Error).message}`);
    } finally {
      inFlight--;
    }
  }

  async function upload(options: AnyOptions): Promise<void> {
    const filePath = String(options.filePath);
    const form = new FormData();
    for (const [k, v] of Object.entries((options.formData as Record<string, string>) ?? {})) form.append(k, v);
    form.append(String(options.name ?? 'file'), new Blob([readFileSync(filePath)]), path.basename(filePath));
    const header = { ...((options.header as Record<string, string>) ?? {}) };
    stub.requests.push({ method: 'POST', url: String(options.url), path: pathOf(String(options.url)), header, data: options.formData });
    inFlight++;
    try {
      const res = await fetch(String(options.url), { method: 'POST', headers: header, body: form });
      done(options, { statusCode: res.status, data: await res.text(), errMsg: 'uploadFile:ok' });
    } catch (err) {
      failed(options, `uploadFile:fail ${(err as Error).message}`);
    } finally {
      inFlight--;
    }
  }

  function connectSocket(options: AnyOptions) {
    const header = { ...((options.header as Record<string, string>) ?? {}) };
    const ws = new WebSocket(String(options.url), (options.protocols as string[] | undefined) ?? [], { headers: header });
    stub.sockets.push({ url: String(options.url), header, ws });
    done(options, { errMsg: 'connectSocket:ok' });
    return {
      onOpen: (cb: (res: unknown) => void) => ws.on('open', () => cb({ header: {} })),
      onMessage: (cb: (res: { data: string | ArrayBuffer }) => void) =>
        ws.on('message', (data, isBinary) => cb({ data: isBinary ? new Uint8Array(data as Buffer).buffer : data.toString() })),
      onClose: (cb: (res: { code: number; reason: string }) => void) => ws.on('close', (code, reason) => cb({ code, reason: reason.toString() })),
      onError: (cb: (res: { errMsg: string }) => void) => ws.on('error', (err) => cb({ errMsg: err.message })),
      send: (o: AnyOptions) => ws.send(o.data as string, (err) => (err ? failed(o, err.message) : done(o, { errMsg: 'sendSocketMessage:ok' }))),
      close: (o: AnyOptions = {}) => {
        ws.close((o.code as number | undefined) ?? 1000, (o.reason as string | undefined) ?? '');
        done(o, { errMsg: 'closeSocket:ok' });
      },
    };
  }

  const api: Record<string, unknown> = {
    request: (options: AnyOptions) => {
      void httpRequest(options);
      return { abort: () => undefined };
    },
    uploadFile: (options: AnyOptions) => {
      void upload(options);
      return { abort: () => undefined, onProgressUpdate: () => undefined };
    },
    connectSocket,
    getExtConfigSync: () => ({ ext: stub.config }),
    getStorageSync: (key: string) => (stub.storage.has(key) ? stub.storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void stub.storage.set(key, value),
    removeStorageSync: (key: string) => void stub.storage.delete(key),
    clearStorageSync: () => stub.storage.clear(),
    getStorage: (o: AnyOptions) => (stub.storage.has(String(o.key)) ? done(o, { data: stub.storage.get(String(o.key)) }) : failed(o, 'getStorage:fail data not found')),
    setStorage: (o: AnyOptions) => {
      stub.storage.set(String(o.key), o.data);
      done(o, { errMsg: 'setStorage:ok' });
    },
    login: (o: AnyOptions) => {
      stub.calls.push({ api: 'login', options: o });
      setTimeout(() => done(o, { code: stub.loginCode, errMsg: 'login:ok' }), 0);
    },
    requestPayment: (o: AnyOptions) => {
      stub.calls.push({ api: 'requestPayment', options: o });
      setTimeout(() => {
        if (stub.payment === 'success') done(o, { errMsg: 'requestPayment:ok' });
        else failed(o, stub.payment === 'cancel' ? 'requestPayment:fail cancel' : 'requestPayment:fail');
      }, 0);
    },
    showModal: (o: AnyOptions) => {
      stub.calls.push({ api: 'showModal', options: o });
      setTimeout(() => done(o, { confirm: stub.modalConfirms, cancel: !stub.modalConfirms, errMsg: 'showModal:ok' }), 0);
    },
    arrayBufferToBase64: (buf: ArrayBuffer) => Buffer.from(buf).toString('base64'),
    base64ToArrayBuffer: (b64: string) => new Uint8Array(Buffer.from(b64, 'base64')).buffer,
    getWindowInfo: () => ({ windowWidth: 375, windowHeight: 812, screenWidth: 375, screenHeight: 812, pixelRatio: 2, statusBarHeight: 44, safeArea: { top: 44, bottom: 778, left: 0, right: 375, width: 375, height: 734 } }),
  };
  for (const name of RECORDED) api[name] = record(name);
  stub.api = api;
  return stub;
}
