// An Astro integration that writes Brotli and gzip copies of the built text files, so `npm start` (through
// sirv) sends compressed bytes without compressing on every request. Static hosts may use them too.
import type { AstroIntegration } from 'astro';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(html|css|js|mjs|json|svg|txt|xml|map)$/;
/** Below this size a compressed copy saves less than a packet and costs a file. */
const MIN_BYTES = 1024;

export function precompressIntegration(): AstroIntegration {
  return {
    name: 'websocket-workshop:precompress',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const files = (await readdir(root, { recursive: true })).filter((file) => COMPRESSIBLE.test(file));
        let written = 0;
        for (const file of files) {
          const full = path.join(root, file);
          const content = await readFile(full);
          if (content.length < MIN_BYTES) continue;
          await writeFile(`${full}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
          await writeFile(`${full}.gz`, gzipSync(content, { level: 9 }));
          written++;
        }
        logger.info(`Wrote Brotli and gzip copies of ${written} files.`);
      },
    },
  };
}
