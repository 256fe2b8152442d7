/**
 * Precompresses the built files, once at build time, so the server never compresses a static file
 * per request: next to each text asset (JS, CSS, HTML, SVG, JSON, web manifest) large enough to gain,
 * `<file>.br` (brotli at its best quality, 11) and `<file>.gz` (gzip 9), each kept only when smaller
 * than the file. `server/src/core/static-web.ts` picks one by the request's Accept-Encoding.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|map)$/;
/** Below this a file fits in a packet or two either way; the header round trip is the cost. */
const MIN_BYTES = 1024;

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

export async function precompress(dir: string): Promise<{ files: number; bytes: number; brotliBytes: number }> {
  const totals = { files: 0, bytes: 0, brotliBytes: 0 };
  const work: Promise<void>[] = [];
  for await (const file of files(dir)) {
    if (!COMPRESSIBLE.test(file) || (await stat(file)).size < MIN_BYTES) continue;
    work.push(
      (async () => {
        const body = await readFile(file);
        const [br, gzipped] = await Promise.all([
          brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }),
          gz(body, { level: 9 }),
        ]);
        if (br.length < body.length) await writeFile(`${file}.br`, br);
        if (gzipped.length < body.length) await writeFile(`${file}.gz`, gzipped);
        totals.files++;
        totals.bytes += body.length;
        totals.brotliBytes += Math.min(br.length, body.length);
      })(),
    );
  }
  await Promise.all(work);
  return totals;
}

/** The Vite plugin: precompresses the output directory once the bundle is written. */
export function precompressed(): Plugin {
  let outDir = '';
  return {
    name: 'precompress-brotli-gzip',
    apply: 'build',
    configResolved(c) {
      outDir = path.resolve(c.root, c.build.outDir);
    },
    async closeBundle() {
      const t = await precompress(outDir);
      this.info?.(`precompressed ${t.files} files: ${(t.bytes / 1024).toFixed(0)} kB -> ${(t.brotliBytes / 1024).toFixed(0)} kB brotli`);
    },
  };
}
