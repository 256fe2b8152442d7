/**
 * The app served by a process of its own, for tests that kill a server for real. After
 * `{ cmd: 'freeze-after-commit', marker }` the next transaction that commits freezes the process
 * the moment its COMMIT returns: it writes the marker file and blocks its only thread, so nothing
 * that follows the commit (a reply, a later write) happens before the test's kill -9. That is
 * the worst moment a crash can come for an idempotent request: its work is committed and its
 * client has no answer.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Transaction } from 'sequelize';
import '../env.js';
import { buildApp } from '../../../server/src/app.js';
import { openPlatform } from '../../../server/src/boot.js';

await openPlatform({ migrate: false });

let freezeMarker: string | null = null;
const commit = Transaction.prototype.commit;
Transaction.prototype.commit = async function (this: Transaction) {
  const committed = await commit.call(this);
  if (freezeMarker) {
    writeFileSync(freezeMarker, String(process.pid));
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  }
  return committed;
};

process.on('message', (m: { cmd: string; marker?: string }) => {
  if (m.cmd === 'freeze-after-commit') {
    freezeMarker = m.marker ?? null;
    process.send?.({ type: 'armed' });
  }
});

const server = createServer(buildApp());
server.listen(0, '127.0.0.1', () => process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port }));
