/** A real listening server (HTTP + socket.io) for socket clients and the browser. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachRealtime, closeRealtime } from '../../server/src/core/realtime.js';
import { testApp } from './http.js';

export interface RunningServer {
  port: number;
  url: (host: string, path?: string) => string;
  close: () => Promise<void>;
}

export async function startServer(): Promise<RunningServer> {
  const server: Server = createServer(testApp());
  const io = attachRealtime(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (host, path = '/') => `http://${host}:${port}${path}`,
    close: async () => {
      await closeRealtime(io);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
