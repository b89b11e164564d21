// The workshop's checker: `npm run workshop:check <step>` runs a step's checks (and every earlier step's) against your server.
//
//   npm run workshop:check 4                        checks workshop/my-server.ts up to step 4
//   npm run workshop:check 4 path/to/server.ts      checks another file
//   npm run workshop:check suite                    the demo server's whole bad-input suite
//   npm run workshop:check serve [port]             runs your server on a port (default 8081) for the site's widgets
//   npm run workshop:check -- 4 --json             machine-readable results (npm keeps a bare --json for itself)
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { relative, resolve } from 'node:path';
import type { Server } from 'node:http';
import type { CheckResult } from './checker/run-checks.ts';
import { loadServerModule, runChecks } from './checker/run-checks.ts';
import { SUITE_CHECKS } from './checker/suite.ts';
import { NOT_FOR_THE_READERS_SERVER } from './checker/suite-filter.ts';
import { STEPS, stepNumbered } from './steps.ts';

const DEFAULT_FILE = 'workshop/my-server.ts';
const PAGE_BASE = '/workshop';
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
const green = (text: string) => paint(32, text);
const red = (text: string) => paint(31, text);
const dim = (text: string) => paint(2, text);

const USAGE = `Usage: npm run workshop:check <step 1–${STEPS.length} | suite> [file] [--json]
       npm run workshop:check serve [port] [file]
The file defaults to ${DEFAULT_FILE}; start it with: cp workshop/steps/01-handshake/start.ts ${DEFAULT_FILE}`;

function rfcLink(section: string, rfc = '6455'): string {
  return `https://www.rfc-editor.org/rfc/rfc${rfc}#section-${section}`;
}

/** One failed check, told in full: what was sent, what came back, what was expected, and where the rule is. */
function printFailure(result: CheckResult): void {
  const indent = (label: string, text: string) =>
    `      ${dim(label.padEnd(9))}${text
      .split('\n')
      .map((line, i) => (i === 0 ? line : `               ${line}`))
      .join('\n')}`;
  console.log(`  ${red('✗')} ${result.id}  ${result.title}`);
  if (!result.failure) return;
  console.log(indent('sent', result.failure.sent));
  console.log(indent('got', result.failure.received));
  console.log(indent('expected', result.failure.expected));
  console.log(indent('rule', `RFC ${result.rfc ?? '6455'} §${result.section}  ${rfcLink(result.section, result.rfc)}`));
  if (result.beyondRfc) console.log(indent('note', `Stricter than the RFC: ${result.beyondRfc}`));
}

function printResults(heading: string, results: CheckResult[], everyCheck: boolean, still = true): void {
  const passed = results.filter((result) => result.passed).length;
  if (!everyCheck && passed === results.length) {
    console.log(`${green('✓')} ${heading}: all ${results.length} checks${still ? ' still' : ''} pass.`);
    return;
  }
  console.log(`\n${heading}: ${passed} of ${results.length} checks pass.`);
  for (const result of results) {
    if (result.passed) {
      if (everyCheck)
        console.log(`  ${green('✓')} ${result.id}  ${result.title}  ${dim(`${result.rfc ? `RFC ${result.rfc} ` : ''}§${result.section}`)}`);
    } else printFailure(result);
  }
}

async function serve(portText: string | undefined, file: string): Promise<void> {
  const port = Number(portText ?? 8081);
  const loaded = await loadServerModule(file);
  if (loaded instanceof Error || typeof loaded.createServer !== 'function') {
    console.error(`${file} does not load or export createServer(): ${loaded instanceof Error ? loaded.message : 'no createServer export'}`);
    process.exitCode = 1;
    return;
  }
  // Keep serving when a step's gap throws: the error is printed and that connection is left to time out.
  process.on('uncaughtException', (error) => console.error(red(`Your server threw: ${error.stack ?? error.message}`)));
  const server = (loaded.createServer as () => Server)();
  server.listen(port, '127.0.0.1');
  try {
    await once(server, 'listening');
  } catch (error) {
    console.error(`Your server cannot listen on port ${port} (${String(error)}); pick another: npm run workshop:check serve 8082`);
    process.exit(1);
  }
  console.log(`Your server is listening on ws://localhost:${port}/ws/echo (${relative(process.cwd(), file)}).`);
  console.log(`Point the site's widgets at it: add ?server=ws://localhost:${port} to a page's address in npm run dev,`);
  console.log(`e.g. http://localhost:4321${PAGE_BASE}/04-echo/?server=ws://localhost:${port}. Stop with Ctrl+C.`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((arg) => arg !== '--json');
  const json = process.argv.includes('--json');
  const [what, ...rest] = args;
  if (what === 'serve') {
    const [port, file = DEFAULT_FILE] = /^\d+$/.test(rest[0] ?? '') ? rest : [undefined, ...rest];
    return serve(port, resolve(file));
  }
  const file = resolve(rest[0] ?? DEFAULT_FILE);
  const shownFile = relative(process.cwd(), file);
  const step = what === 'suite' ? 'suite' : stepNumbered(Number(what));
  if (step === undefined || what === undefined) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  if (!existsSync(file)) {
    console.error(`There is no ${shownFile} yet. Start from step 1's file:\n  cp workshop/steps/01-handshake/start.ts ${DEFAULT_FILE}`);
    process.exitCode = 2;
    return;
  }

  const started = performance.now();
  const groups =
    step === 'suite'
      ? [{ step: 'suite' as const, checks: SUITE_CHECKS }]
      : STEPS.filter((earlier) => earlier.number <= step.number).map(({ number, checks }) => ({ step: number, checks }));
  const results = await runChecks(groups, file);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const failed = results.filter((result) => !result.passed);
  process.exitCode = failed.length ? 1 : 0;
  if (json) {
    console.log(
      JSON.stringify({ file: shownFile, step: step === 'suite' ? 'suite' : step.number, seconds: Number(seconds), results }, null, 2),
    );
    return;
  }

  if (step === 'suite') {
    console.log(`The demo server's bad-input suite against ${shownFile}`);
    printResults('The suite', results, false, false);
    const skipped = Object.entries(NOT_FOR_THE_READERS_SERVER).map(([id, reason]) => `  ${id}: ${reason}`);
    console.log(dim(`Left out, as policies of the demo server rather than rules of the protocol:\n${skipped.join('\n')}`));
  } else {
    console.log(`Checking ${shownFile} up to step ${step.number}, “${step.title}”.`);
    for (const earlier of STEPS.filter((each) => each.number < step.number)) {
      printResults(
        `Step ${earlier.number}, ${earlier.title}`,
        results.filter((result) => result.step === earlier.number),
        false,
      );
    }
    printResults(
      `Step ${step.number}, ${step.title}`,
      results.filter((result) => result.step === step.number),
      true,
    );
  }
  const verdict = failed.length ? red(`${failed.length} of ${results.length} checks fail.`) : green(`All ${results.length} checks pass.`);
  console.log(`\n${verdict} ${dim(`(${seconds} s)`)}`);
  if (failed.length && step !== 'suite') {
    const firstFailing = STEPS.find((each) => each.number === failed[0]!.step) ?? step;
    console.log(`Hints: workshop/steps/${firstFailing.slug}/hints.md, or the step's page at ${PAGE_BASE}/${firstFailing.slug}/.`);
  } else if (!failed.length && step !== 'suite' && step.number < STEPS.length) {
    const next = STEPS[step.number]!;
    console.log(`Next: step ${next.number}, ${next.title} (${PAGE_BASE}/${next.slug}/).`);
  } else if (!failed.length && step !== 'suite') {
    console.log('That was the last step. Now run the demo server’s whole bad-input suite: npm run workshop:check suite');
  }
}

await main();
