// `npm run conformance -- <ws-or-wss-url> …` tests a server; `npm run conformance -- --serve …` is the fuzzing server that tests a client.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { htmlReport } from './report-html.ts';
import { anyFailed, jsonReport } from './report-json.ts';
import { runSuite } from './suite.ts';
import { DEFAULT_FUZZING_PORT, startFuzzingServer } from './fuzzing-server.ts';

const USAGE = `Usage: npm run conformance -- <ws://… or wss://… URL> [--cases 1.*,6.4.*] [--json FILE] [--html FILE] [--full] [--agent NAME] [--insecure]

Runs Autobahn|Testsuite's cases of categories 1–7, 9, 10, 12 and 13 (and our handshake cases h.*) against the
server at the URL, one connection per case, prints progress to stderr, writes the reports asked for,
and exits 1 when any case FAILED. Categories 9, 12 and 13 run reduced unless --full is given.

       npm run conformance -- --serve [--port N] [--host ADDRESS] [--cases …] [--json FILE] [--html FILE] [--full] [--once]

Client mode: a fuzzing server on 127.0.0.1:${DEFAULT_FUZZING_PORT} (unless --host/--port say otherwise; --port 0 picks one)
that speaks Autobahn's fuzzingserver protocol, so clients written for Autobahn run unchanged: the client asks
/getCaseCount, connects to /runCase?case=N&agent=NAME for each case and echoes what it receives, then to
/updateReports?agent=NAME, which writes that agent's reports ({agent} in a file name is replaced by it). With
--once the server stops after the first /updateReports and exits 1 when any of that client's cases FAILED.`;

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
      serve: { type: 'boolean', default: false },
      port: { type: 'string' },
      host: { type: 'string' },
      once: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.serve && !values.help && positionals.length === 0) return serve(values);
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

interface ServeValues {
  cases?: string | undefined;
  json?: string | undefined;
  html?: string | undefined;
  full?: boolean | undefined;
  port?: string | undefined;
  host?: string | undefined;
  once?: boolean | undefined;
}

/** Client mode: serves until interrupted (or, with --once, until the first client's reports are written). */
async function serve(values: ServeValues): Promise<number> {
  const port = values.port === undefined ? DEFAULT_FUZZING_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new TypeError(`--port must be a TCP port from 0 to 65535 (0 picks a free one), not "${values.port}".`);
  let finished: (code: number) => void = () => {};
  const exitCode = new Promise<number>((resolve) => (finished = resolve));
  const fileFor = (pattern: string, agent: string) => pattern.replaceAll('{agent}', agent.replace(/[^\w.-]+/g, '_'));
  const server = await startFuzzingServer({
    port,
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values.cases === undefined ? {} : { cases: values.cases }),
    full: values.full ?? false,
    onCase: (agent, r, n, total) =>
      process.stderr.write(
        `${agent} [${n}/${total}] ${r.id.padEnd(8)} ${r.behavior.padEnd(13)} ${r.behaviorClose.padEnd(13)} ${String(r.durationMs).padStart(5)} ms\n`,
      ),
    onReport: async (agent, results) => {
      const report = jsonReport(agent, server.url, results);
      if (values.json) await writeFile(fileFor(values.json, agent), `${JSON.stringify(report, null, 2)}\n`);
      if (values.html)
        await writeFile(fileFor(values.html, agent), htmlReport(report, new Map(results.map((r) => [r.id, r])), { mode: 'client' }));
      const failed = results.filter((r) => r.behavior === 'FAILED' || r.behaviorClose === 'FAILED');
      process.stderr.write(
        `${agent}: ${results.length} of ${server.cases.length} cases run; ${failed.length} FAILED${failed.length ? `: ${failed.map((r) => r.id).join(', ')}` : ''}.\n`,
      );
      if (values.once) finished(anyFailed(results) ? 1 : 0);
    },
  });
  process.stdout.write(`fuzzing server listening on ${server.url} with ${server.cases.length} cases (h.* are not applicable to clients)\n`);
  void server.stopRequested.then(() => finished(0));
  process.once('SIGINT', () => finished(0));
  process.once('SIGTERM', () => finished(0));
  const code = await exitCode;
  await server.close();
  return code;
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
