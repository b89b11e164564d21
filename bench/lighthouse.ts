// Runs Lighthouse (mobile defaults) on every built page, served by the real `npm start`, and prints the scores.
// Lighthouse is fetched on demand with npx rather than kept in devDependencies: it is large and only this uses it.
// Usage: npm run build && npm run bench:lighthouse [-- [--runs N] /page/ …]
// DIST_DIR runs it on another build (astro build --outDir dist-lh), as npm start serves it; page arguments limit the run.
// --runs N runs Lighthouse N times on each page and reports each category's median, with the lowest Performance
// beside it: Lighthouse's own variability notes say the median of several runs is the stable figure, and on a shared
// two-core machine one run's blocking time moves with whatever else is running.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CHROME_FLAGS =
  '--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync';
const distDir = process.env.DIST_DIR || 'dist';
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt === -1 ? 1 : Number(args.splice(runsAt, 2)[1]);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of runs, 1 or more.');
const only = args;
const pages = readdirSync(distDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('index.html'))
  .map((file) => `/${file.replace(/index\.html$/, '')}`)
  .filter((page) => only.length === 0 || only.includes(page))
  .sort();
if (only.length > 0 && pages.length < only.length) {
  throw new Error(`${distDir} has no page ${only.filter((page) => !pages.includes(page)).join(', ')}; give pages as /path/.`);
}

// A Chinese page drawn with no CJK font falls back glyph by glyph to boxes: not what any reader sees, and its layout
// costs more than a real font's, so its score would measure the machine, not the page.
if (pages.some((page) => page.includes('/zh-cn/')) && !hasChineseFont()) {
  throw new Error('No font on this machine covers Chinese (fc-list :lang=zh is empty): install fonts-noto-cjk first.');
}

function hasChineseFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
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
    const results = Array.from({ length: runs }, (_, run) =>
      lighthouse(page, path.join(out, `${page.replace(/\W+/g, '_') || 'root'}-${run + 1}.json`)),
    );
    const titles = Object.values(results[0]!).map((c) => c.title);
    const medians = titles.map((_, i) => median(results.map((r) => Math.round(Object.values(r)[i]!.score * 100))));
    const lowestPerformance = Math.min(...results.map((r) => Math.round(r.performance!.score * 100)));
    below += medians.filter((score) => score < 100).length;
    rows.push(`| ${page} | ${medians.join(' | ')} |${runs > 1 ? ` ${lowestPerformance} |` : ''}`);
    if (rows.length === 1)
      rows.unshift(
        `| page | ${titles.join(' | ')} |${runs > 1 ? ' lowest Performance |' : ''}`,
        `|---|${titles.map(() => '---|').join('')}${runs > 1 ? '---|' : ''}`,
      );
  }
} finally {
  server.kill('SIGTERM');
  await once(server, 'exit');
}
if (runs > 1) console.log(`Each score is the median of ${runs} runs.`);
console.log(rows.join('\n'));
if (below > 0) {
  console.error(`${below} score(s) below 100.`);
  process.exitCode = 1;
}

/** One Lighthouse run of a page: its categories' scores, from the JSON report written to `report`. */
function lighthouse(page: string, report: string): Record<string, { title: string; score: number }> {
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
      return JSON.parse(readFileSync(report, 'utf8')).categories;
    } catch (error) {
      if (attempt === 3) throw error;
      console.error(`Lighthouse failed on ${page}; trying again (${attempt + 1} of 3).`);
    }
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
}
