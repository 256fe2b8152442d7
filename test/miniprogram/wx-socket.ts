/**
 * `wx.connectSocket` for tests: a SocketTask backed by the `ws` package, so the mini-program's
 * socket.io client talks to the real server over a real WebSocket. Only the edge is stubbed.
 */
import WebSocket from 'ws';
import type { ConnectSocketOptions, SocketTaskLike } from '../../web/miniprogram/src/lib/socket-io.js';

export interface WxSocketStub {
  connectSocket: (opts: ConnectSocketOptions) => SocketTaskLike;
  /** Every call's options, in order (url and header, as WeChat would receive them). */
  calls: ConnectSocketOptions[];
  /** The open sockets, to cut one as a network would. */
  sockets: WebSocket[];
  closeAll: () => void;
}

export function wxSocketStub(): WxSocketStub {
  const calls: ConnectSocketOptions[] = [];
  const sockets: WebSocket[] = [];
  const connectSocket = (opts: ConnectSocketOptions): SocketTaskLike => {
    calls.push(opts);
    const ws = new WebSocket(opts.url, { headers: opts.header ?? {} });
    sockets.push(ws);
    return {
      onOpen: (cb) => void ws.on('open', () => cb({})),
      onMessage: (cb) => void ws.on('message', (data, isBinary) => cb({ data: isBinary ? new Uint8Array(data as Buffer).buffer : data.toString() })),
      onClose: (cb) => void ws.on('close', (code, reason) => cb({ code, reason: reason.toString() })),
      onError: (cb) => void ws.on('error', (err) => cb({ errMsg: err.message })),
      send: ({ data, fail }) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(data);
        else fail?.({ errMsg: 'sendSocketMessage:fail not open' });
      },
      close: (o) => {
        if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
        else ws.close(o?.code ?? 1000, o?.reason);
      },
    };
  };
  return {
    connectSocket,
    calls,
    sockets,
    closeAll: () => {
      for (const ws of sockets.splice(0)) ws.terminate();
    },
  };
}
