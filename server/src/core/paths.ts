import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whether running from sources (tsx) or from dist/ (compiled). */
function findRoot(start: string): string {
  let dir = start;
  while (dir !== path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'config'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`cannot find the project root above ${start}`);
}

export const projectRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)));
