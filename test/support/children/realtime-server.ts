/**
 * A second API node in a process of its own (HTTP + socket.io on the same database and Redis as
 * the test's process), as a second server behind a balancer is: for tests that must show that
 * sockets on two processes hear each other's changes. Answers `{ type: 'ready', port }`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import '../env.js';
import { buildApp } from '../../../server/src/app.js';
import { openPlatform } from '../../../server/src/boot.js';
import { attachRealtime } from '../../../server/src/core/realtime.js';

await openPlatform({ migrate: false });
const server = createServer(buildApp());
attachRealtime(server);
server.listen(0, '127.0.0.1', () => process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port }));
