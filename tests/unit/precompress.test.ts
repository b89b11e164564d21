// The build's precompression step (server/precompress-integration.ts) on a folder made up for the test.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { precompressIntegration, type Precompress } from '../../server/precompress-integration.ts';

let dir = '';
const big = 'WebSocket frames, again and again. '.repeat(200);

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'precompress-'));
  mkdirSync(path.join(dir, '_astro'));
  for (let n = 0; n < 12; n++) writeFileSync(path.join(dir, `page-${n}.html`), `${big}${n}`);
  writeFileSync(path.join(dir, '_astro', 'page.js'), big);
  writeFileSync(path.join(dir, 'small.css'), 'a{}');
  writeFileSync(path.join(dir, 'capture.pcap'), big);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(mode: Precompress): Promise<string[]> {
  const logged: string[] = [];
  const hook = precompressIntegration(mode).hooks['astro:build:done'] as (options: unknown) => Promise<void>;
  await hook({ dir: pathToFileURL(`${dir}/`), logger: { info: (line: string) => logged.push(line) } });
  return logged;
}

describe('precompressIntegration', () => {
  it('writes a Brotli and a gzip copy of every text file of 1 KiB or more, each decompressing to the original', async () => {
    expect(await run('brotli+gzip')).toEqual(['Wrote Brotli and gzip copies of 13 files.']);
    for (const file of [...Array.from({ length: 12 }, (_, n) => `page-${n}.html`), '_astro/page.js']) {
      const original = readFileSync(path.join(dir, file));
      expect(brotliDecompressSync(readFileSync(path.join(dir, `${file}.br`)))).toEqual(original);
      expect(gunzipSync(readFileSync(path.join(dir, `${file}.gz`)))).toEqual(original);
    }
    expect(existsSync(path.join(dir, 'small.css.gz'))).toBe(false);
    expect(existsSync(path.join(dir, 'capture.pcap.gz'))).toBe(false);
  });

  it('writes gzip copies only when asked to (the deploy variants)', async () => {
    expect(await run('gzip')).toEqual(['Wrote gzip copies of 13 files.']);
    expect(gunzipSync(readFileSync(path.join(dir, 'page-3.html.gz'))).toString()).toBe(`${big}3`);
    expect(existsSync(path.join(dir, 'page-3.html.br'))).toBe(false);
  });
});
