// `npm start`: builds what is missing or older than its sources (server with tsc, consoles and
// storefront with Vite), then runs the compiled server in this process.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

const built = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);
const run = (script) => execSync(`npm run --silent ${script}`, { cwd: root, stdio: 'inherit' });

const serverOut = path.join(root, 'dist/server/src/main.js');
if (built(serverOut) < Math.max(newest(path.join(root, 'server')), newest(path.join(root, 'migrations')), newest(path.join(root, 'scripts')))) {
  console.log('Building the server…');
  run('build:server');
}
const webOut = Math.min(built(path.join(root, 'dist/web/admin/index.html')), built(path.join(root, 'dist/web/shop/index.html')));
if (webOut < newest(path.join(root, 'web'))) {
  console.log('Building the consoles and the storefront…');
  run('build:web');
}
await import(pathToFileURL(serverOut).href);
