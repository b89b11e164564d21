// `npm run conformance -- <ws-or-wss-url> [--cases 1.*,6.4.*] [--json FILE] [--html FILE] [--full] [--agent NAME] [--insecure]`.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { htmlReport } from './report-html.ts';
import { anyFailed, jsonReport } from './report-json.ts';
import { runSuite } from './suite.ts';

const USAGE = `Usage: npm run conformance -- <ws://… or wss://… URL> [--cases 1.*,6.4.*] [--json FILE] [--html FILE] [--full] [--agent NAME] [--insecure]

Runs Autobahn|Testsuite's cases of categories 1–7, 9, 10, 12 and 13 (and our handshake cases h.*) against the
server at the URL, one connection per case, prints progress to stderr, writes the reports asked for,
and exits 1 when any case FAILED. Categories 9, 12 and 13 run reduced unless --full is given.`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      cases: { type: 'string' },
      json: { type: 'string' },
      html: { type: 'string' },
      full: { type: 'boolean', default: false },
      agent: { type: 'string' },
      insecure: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || positionals.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const url = positionals[0]!;
  const run = await runSuite(url, {
    ...(values.cases === undefined ? {} : { cases: values.cases }),
    full: values.full,
    insecure: values.insecure,
    onCase: (r, i, total) =>
      process.stderr.write(
        `[${i}/${total}] ${r.id.padEnd(8)} ${r.behavior.padEnd(13)} ${r.behaviorClose.padEnd(13)} ${String(r.durationMs).padStart(5)} ms\n`,
      ),
  });
  const agent = values.agent ?? url;
  const report = jsonReport(agent, url, run.results);
  if (values.json) await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
  if (values.html) await writeFile(values.html, htmlReport(report, new Map(run.results.map((r) => [r.id, r]))));
  const failed = run.results.filter((r) => r.behavior === 'FAILED' || r.behaviorClose === 'FAILED');
  process.stderr.write(
    `${run.results.length} cases in ${(run.durationMs / 1000).toFixed(1)} s; ${failed.length} FAILED${failed.length ? `: ${failed.map((r) => r.id).join(', ')}` : ''}.\n`,
  );
  return anyFailed(run.results) ? 1 : 0;
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      process.stderr.write(`${error instanceof TypeError ? error.message : error.stack}\n`);
      process.exit(2);
    },
  );
}
