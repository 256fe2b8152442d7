/**
 * Which spec files a run has, and how they are dealt to workers: longest first, each to the
 * worker with the least work so far, where a file's work is what it took last time (recorded per
 * pass in .test-durations.json) or, for a file never timed, its size at the average pace of the
 * timed ones. A few long files then end together instead of one worker finishing minutes last.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The options of mocha that take a value: what follows them is no spec. */
const TAKES_VALUE = new Set(['-g', '--grep', '-f', '--fgrep', '-t', '--timeout', '-R', '--reporter', '-O', '--reporter-option', '-r', '--require', '-u', '--ui', '-s', '--slow', '--retries', '-j', '--jobs', '--ignore', '--exclude', '--file', '--extension', '--config']);

const isGlob = (s: string) => /[*?{]/.test(s);

/** Splits `npm test --` arguments into the specs they name and the options for mocha. */
export function splitArgs(args: string[]): { specs: string[]; options: string[] } {
  const specs: string[] = [];
  const options: string[] = [];
  args.forEach((a, i) => {
    const isSpec = !a.startsWith('-') && !TAKES_VALUE.has(args[i - 1] ?? '') && (existsSync(a) || isGlob(a));
    (isSpec ? specs : options).push(a);
  });
  return { specs, options };
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
}

/** `test/**\/*.test.ts` as a regular expression over paths relative to the root. */
function globRegex(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') re += '(?:';
    else if (c === '}') re += ')';
    else if (c === ',') re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** The spec files the specs name (files, folders searched for `extension`, globs), relative to root, sorted. */
export function specFiles(root: string, specs: string[], extension: string): string[] {
  const found = new Set<string>();
  for (const spec of specs) {
    const full = path.resolve(root, spec);
    if (existsSync(full) && statSync(full).isFile()) found.add(path.relative(root, full));
    else if (existsSync(full)) {
      const all: string[] = [];
      walk(full, all);
      for (const f of all) if (f.endsWith(extension)) found.add(path.relative(root, f));
    } else {
      const base = path.resolve(root, spec.slice(0, spec.search(/[*?{]/)).replace(/[^/]*$/, ''));
      const pattern = globRegex(path.relative(root, path.resolve(root, spec)).split(path.sep).join('/'));
      const all: string[] = [];
      if (existsSync(base)) walk(base, all);
      for (const f of all) {
        const rel = path.relative(root, f).split(path.sep).join('/');
        if (pattern.test(rel)) found.add(path.relative(root, f));
      }
    }
  }
  return [...found].sort();
}

export type Durations = Record<string, Record<string, number>>;

export function readDurations(file: string): Durations {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Durations;
  } catch {
    return {};
  }
}

/** Keeps this run's times per pass beside the older ones of files it did not run. */
export function recordDurations(file: string, pass: string, times: Record<string, number>): void {
  if (!Object.keys(times).length) return;
  const all = readDurations(file);
  all[pass] = { ...all[pass], ...times };
  writeFileSync(file, JSON.stringify(all, null, 1) + '\n');
}

/** Deals files to at most `workers` shards, longest first to the least loaded; empty shards dropped. */
export function shard(root: string, files: string[], workers: number, known: Record<string, number> = {}): string[][] {
  const sizes = new Map(files.map((f) => [f, statSync(path.join(root, f)).size]));
  const timed = files.filter((f) => known[f] !== undefined);
  const msPerByte = timed.length ? timed.reduce((n, f) => n + known[f]!, 0) / timed.reduce((n, f) => n + sizes.get(f)!, 0) : 1;
  const weight = (f: string) => known[f] ?? sizes.get(f)! * msPerByte;
  const shards = Array.from({ length: Math.max(1, Math.min(workers, files.length)) }, () => ({ files: [] as string[], load: 0 }));
  for (const f of [...files].sort((a, b) => weight(b) - weight(a))) {
    const lightest = shards.reduce((min, s) => (s.load < min.load ? s : min));
    lightest.files.push(f);
    lightest.load += weight(f);
  }
  return shards.filter((s) => s.files.length).map((s) => s.files.sort());
}
