// An Astro integration that writes Brotli and gzip copies of the built text files, so `npm start` (through
// sirv) sends compressed bytes without compressing on every request. Static hosts may use them too.
import type { AstroIntegration } from 'astro';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const COMPRESSIBLE = /\.(html|css|js|mjs|json|svg|txt|xml|map)$/;
/** Below this size a compressed copy saves less than a packet and costs a file. */
const MIN_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Which copies to write. `gzip` (PRECOMPRESS=gzip) skips Brotli, which at quality 11 is most of this step's time:
 * the deploy-variant builds use it, served by python's http.server (no copies at all) and nginx (gzip_static only).
 */
export type Precompress = 'brotli+gzip' | 'gzip';

export function precompressIntegration(mode: Precompress = 'brotli+gzip'): AstroIntegration {
  return {
    name: 'websocket-workshop:precompress',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const files = (await readdir(root, { recursive: true })).filter((file) => COMPRESSIBLE.test(file));
        let written = 0;
        const compress = async (file: string): Promise<void> => {
          const full = path.join(root, file);
          const content = await readFile(full);
          if (content.length < MIN_BYTES) return;
          if (mode === 'brotli+gzip') {
            await writeFile(`${full}.br`, await brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
          }
          await writeFile(`${full}.gz`, await gzipAsync(content, { level: 9 }));
          written++;
        };
        // zlib's async calls run on libuv's thread pool: one file per core at a time, rather than all on the main thread.
        const queue = [...files];
        const lane = async (): Promise<void> => {
          for (let file = queue.shift(); file !== undefined; file = queue.shift()) await compress(file);
        };
        await Promise.all(Array.from({ length: availableParallelism() }, lane));
        logger.info(`Wrote ${mode === 'gzip' ? 'gzip copies' : 'Brotli and gzip copies'} of ${written} files.`);
      },
    },
  };
}
