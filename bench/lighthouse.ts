// Runs Lighthouse (mobile defaults) on every built page, served by the real `npm start`, and prints the scores.
// Lighthouse is fetched on demand with npx rather than kept in devDependencies: it is large and only this uses it.
// Usage: npm run build && npm run bench:lighthouse [-- /page/ …]
// DIST_DIR runs it on another build (astro build --outDir dist-lh), as npm start serves it; page arguments limit the run.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CHROME_FLAGS =
  '--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync';
const distDir = process.env.DIST_DIR || 'dist';
const only = process.argv.slice(2);
const pages = readdirSync(distDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('index.html'))
  .map((file) => `/${file.replace(/index\.html$/, '')}`)
  .filter((page) => only.length === 0 || only.includes(page))
  .sort();
if (only.length > 0 && pages.length < only.length) {
  throw new Error(`${distDir} has no page ${only.filter((page) => !pages.includes(page)).join(', ')}; give pages as /path/.`);
}

const server = spawn(process.execPath, ['server/start.ts'], {
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DIST_DIR: distDir },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
const origin = await new Promise<string>((resolve) => {
  server.stdout!.on('data', (chunk: Buffer) => {
    output += chunk;
    const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
    if (match) resolve(match[0]);
  });
});

const out = mkdtempSync(path.join(tmpdir(), 'lighthouse-'));
const rows: string[] = [];
let below = 0;
try {
  for (const page of pages) {
    const report = path.join(out, `${page.replace(/\W+/g, '_') || 'root'}.json`);
    // Lighthouse sometimes fails to record a page load ("NO_NAVSTART: please run Lighthouse again"); it gets three tries.
    for (let attempt = 1; ; attempt++) {
      try {
        execFileSync(
          'npx',
          [
            '--yes',
            'lighthouse@13',
            `${origin}${page}`,
            '--quiet',
            '--output=json',
            `--output-path=${report}`,
            `--chrome-flags=${CHROME_FLAGS}`,
          ],
          {
            env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
            // Lighthouse's own complaints (a Chrome that would not start, a page that did not load) go to stderr.
            stdio: ['ignore', 'ignore', 'inherit'],
          },
        );
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        console.error(`Lighthouse failed on ${page}; trying again (${attempt + 1} of 3).`);
      }
    }
    const categories = JSON.parse(readFileSync(report, 'utf8')).categories as Record<string, { title: string; score: number }>;
    const scores = Object.values(categories).map((c) => Math.round(c.score * 100));
    below += scores.filter((score) => score < 100).length;
    rows.push(`| ${page} | ${scores.join(' | ')} |`);
    if (rows.length === 1)
      rows.unshift(
        `| page | ${Object.values(categories)
          .map((c) => c.title)
          .join(' | ')} |`,
        `|---|${Object.keys(categories)
          .map(() => '---|')
          .join('')}`,
      );
  }
} finally {
  server.kill('SIGTERM');
  await once(server, 'exit');
}
console.log(rows.join('\n'));
if (below > 0) {
  console.error(`${below} score(s) below 100.`);
  process.exitCode = 1;
}
