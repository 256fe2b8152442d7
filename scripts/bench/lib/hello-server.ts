/**
 * The yardstick of flash-sale.ts: express 5's hello route on node:http, one process like ours,
 * keep-alive as ours. Speaks the Child protocol (lib/harness.ts): `ready` once listening, `exit`.
 */
import { createServer } from 'node:http';
import express from 'express';

const app = express();
app.get('/hello', (_req, res) => {
  res.json({ hello: 'world' });
});
const server = createServer(app);
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ type: 'ready', pid: process.pid }));
process.on('message', (m: { cmd: string }) => {
  if (m.cmd === 'exit') server.close(() => process.exit(0));
});
