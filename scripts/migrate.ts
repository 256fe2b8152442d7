/**
 * `npm run migrate` (up to the newest) and `npm run migrate:down` (undo the newest one, or
 * `-- --all` for every one). Production runs migrations with this, never at start.
 */
import { closePlatform, openPlatform } from '../server/src/boot.js';
import { db, migrator } from '../server/src/core/db/index.js';

const direction = process.argv[2] ?? 'up';
await openPlatform({ migrate: false });
const m = migrator(db(), (line) => console.log(line));
if (direction === 'up') {
  const done = await m.up();
  console.log(done.length ? `applied: ${done.map((x) => x.name).join(', ')}` : 'nothing to apply');
} else if (direction === 'down') {
  const done = process.argv.includes('--all') ? await m.down({ to: 0 }) : await m.down();
  console.log(done.length ? `reverted: ${done.map((x) => x.name).join(', ')}` : 'nothing to revert');
} else if (direction === 'status') {
  console.log('executed:', (await m.executed()).map((x) => x.name));
  console.log('pending:', (await m.pending()).map((x) => x.name));
} else {
  console.error('usage: migrate.ts up|down [--all]|status');
  process.exitCode = 2;
}
await closePlatform();
