// `npm run sweep`: builds the site, sweeps every built page (tests/e2e/all-pages.spec.ts in full: console errors, axe
// light and dark, links, JavaScript weight) and, only when every page passed, writes src/data/sweep.json with each
// page's fingerprint. `npm test` sweeps a sample again and fails on any page whose fingerprint differs from it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { builtPages } from '../tests/e2e/deploy-variants.ts';
import { installedAxeVersion, SWEEP_FILE, type SweepRecording, type SweptPage } from '../tests/e2e/sweep-record.ts';

function run(command: string, args: string[], env: Record<string, string> = {}): void {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`sweep: \`${command} ${args.join(' ')}\` failed; ${SWEEP_FILE} is left as it was.`);
    process.exit(1);
  }
}

// `--no-build` sweeps dist/ as it is, when it was just built from these sources.
if (!process.argv.includes('--no-build')) run('npx', ['astro', 'build']);

const scratch = mkdtempSync(path.join(tmpdir(), 'ws-sweep-'));
const recordFile = path.join(scratch, 'pages.jsonl');
try {
  // One retry: on a loaded machine a long page can run out of time; a real finding fails twice.
  run('npx', ['playwright', 'test', 'tests/e2e/all-pages.spec.ts', '--project=chromium', '--retries=1'], {
    SWEEP: 'full',
    SWEEP_RECORD_FILE: recordFile,
  });
  const swept = new Map<string, SweptPage>();
  for (const line of readFileSync(recordFile, 'utf8').split('\n').filter(Boolean)) {
    const { page, ...record } = JSON.parse(line) as SweptPage & { page: string };
    swept.set(page, record);
  }
  const unswept = builtPages(process.env.DIST_DIR || 'dist').filter((page) => !swept.has(page));
  if (unswept.length > 0) {
    console.error(`sweep: no record for ${unswept.join(', ')}; ${SWEEP_FILE} is left as it was.`);
    process.exit(1);
  }
  const recording: SweepRecording = {
    about: 'Written by `npm run sweep` (scripts/sweep.ts) when every page passed tests/e2e/all-pages.spec.ts; do not edit by hand.',
    axeVersion: installedAxeVersion(),
    pages: Object.fromEntries([...swept].sort(([a], [b]) => a.localeCompare(b))),
  };
  writeFileSync(SWEEP_FILE, `${JSON.stringify(recording, null, 2)}\n`);
  console.log(`sweep: wrote ${SWEEP_FILE}, ${swept.size} pages`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
