import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../server/src/core/paths.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
  });
}

describe('tenant-scope escapes', () => {
  it('keeps sequelize.query, hooks: false and increment/decrement inside server/src/core/db', () => {
    const root = path.join(projectRoot, 'server', 'src');
    const allowed = path.join(root, 'core', 'db') + path.sep;
    const offenders: string[] = [];
    for (const file of files(root)) {
      if (file.startsWith(allowed)) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/sequelize\.query\(|\bquery\(\s*['"`]|hooks:\s*false|\.(increment|decrement)\(/.test(line)) offenders.push(`${path.relative(projectRoot, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders, offenders.join('\n')).to.deep.equal([]);
  });
});
