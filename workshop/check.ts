// The workshop's checker: `npm run workshop:check <step>` runs a step's checks (and every earlier step's) against your server.
//
//   npm run workshop:check 4                        checks workshop/my-server.ts up to step 4
//   npm run workshop:check 4 path/to/server.ts      checks another file
//   npm run workshop:check suite                    the demo server's whole bad-input suite
//   npm run workshop:check serve [port]             runs your server on a port (default 8081) for the site's widgets
//   npm run workshop:check -- 4 --json             machine-readable results (npm keeps a bare --json for itself)
//   npm run workshop:check -- 4 --lang zh-cn       the report in Chinese (checker/checker-text.ts has every word)
//   npm run workshop:check -- 4 --only 7.1.1,4.two  only these checks, to rerun the ones that failed
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { relative, resolve } from 'node:path';
import type { Server } from 'node:http';
import { CHECKER_TEXT, checkerLocale, type CheckerText } from './checker/checker-text.ts';
import type { CheckResult } from './checker/run-checks.ts';
import { loadServerModule, runChecks } from './checker/run-checks.ts';
import { suiteChecks } from './checker/suite.ts';
import { NOT_FOR_THE_READERS_SERVER } from './checker/suite-filter.ts';
import { stepNumbered, stepsIn } from './steps.ts';

const DEFAULT_FILE = 'workshop/my-server.ts';
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
const green = (text: string) => paint(32, text);
const red = (text: string) => paint(31, text);
const dim = (text: string) => paint(2, text);

function rfcLink(section: string, rfc = '6455'): string {
  return `https://www.rfc-editor.org/rfc/rfc${rfc}#section-${section}`;
}

/** An option's value, `--name <value>` or `--name=<value>`, and the arguments without it. */
function takeOption(args: string[], name: string): { value: string | undefined; rest: string[] } {
  const at = args.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (at === -1) return { value: undefined, rest: args };
  const joined = args[at]!.startsWith(`--${name}=`);
  const value = joined ? args[at]!.slice(`--${name}=`.length) : (args[at + 1] ?? '');
  return { value, rest: args.filter((_, i) => i !== at && (joined || i !== at + 1)) };
}

/** How many terminal columns a label takes: a Chinese character takes two. */
const columnsOf = (text: string) => [...text].reduce((sum, character) => sum + (/\p{Script=Han}/u.test(character) ? 2 : 1), 0);
const padTo = (text: string, width: number) => text + ' '.repeat(Math.max(1, width - columnsOf(text)));

/** One failed check, told in full: what was sent, what came back, what was expected, and where the rule is. */
function printFailure(result: CheckResult, text: CheckerText): void {
  const { labels } = text.report;
  const indent = (label: string, evidence: string) =>
    `      ${dim(padTo(label, 9))}${evidence
      .split('\n')
      .map((line, i) => (i === 0 ? line : `               ${line}`))
      .join('\n')}`;
  console.log(`  ${red('✗')} ${result.id}  ${result.title}`);
  if (!result.failure) return;
  console.log(indent(labels.sent, result.failure.sent));
  console.log(indent(labels.got, result.failure.received));
  console.log(indent(labels.expected, result.failure.expected));
  console.log(indent(labels.rule, `RFC ${result.rfc ?? '6455'} §${result.section}  ${rfcLink(result.section, result.rfc)}`));
  if (result.beyondRfc) console.log(indent(labels.note, text.report.stricterThanTheRfc(result.beyondRfc)));
}

function printResults(text: CheckerText, heading: string, results: CheckResult[], everyCheck: boolean, still = true): void {
  const passed = results.filter((result) => result.passed).length;
  if (!everyCheck && passed === results.length) {
    console.log(`${green('✓')} ${text.report.allPass(heading, results.length, still)}`);
    return;
  }
  console.log(`\n${text.report.somePass(heading, passed, results.length)}`);
  for (const result of results) {
    if (result.passed) {
      if (everyCheck)
        console.log(`  ${green('✓')} ${result.id}  ${result.title}  ${dim(`${result.rfc ? `RFC ${result.rfc} ` : ''}§${result.section}`)}`);
    } else printFailure(result, text);
  }
}

async function serve(portText: string | undefined, file: string, text: CheckerText): Promise<void> {
  const port = Number(portText ?? 8081);
  const { report } = text;
  const loaded = await loadServerModule(file);
  if (loaded instanceof Error || typeof loaded.createServer !== 'function') {
    console.error(report.doesNotLoad(file, loaded instanceof Error ? loaded.message : report.noCreateServerExport));
    process.exitCode = 1;
    return;
  }
  // Keep serving when a step's gap throws: the error is printed and that connection is left to time out.
  process.on('uncaughtException', (error) => console.error(red(report.yourServerThrew(error.stack ?? error.message))));
  const server = (loaded.createServer as () => Server)();
  server.listen(port, '127.0.0.1');
  try {
    await once(server, 'listening');
  } catch (error) {
    console.error(report.cannotListen(port, String(error)));
    process.exit(1);
  }
  console.log(report.listening(port, relative(process.cwd(), file)));
  console.log(report.pointTheWidgets(port));
  console.log(report.forExample(`${text.pageBase}/04-echo/`, port));
}

async function main(): Promise<void> {
  const { value: lang, rest: withoutLang } = takeOption(
    process.argv.slice(2).filter((arg) => arg !== '--json'),
    'lang',
  );
  const { value: only, rest: args } = takeOption(withoutLang, 'only');
  const chosen = only === undefined ? undefined : new Set(only.split(','));
  const json = process.argv.includes('--json');
  const locale = checkerLocale(lang);
  const text = CHECKER_TEXT[locale ?? 'en'];
  const { report } = text;
  const steps = stepsIn(locale ?? 'en');
  if (locale === undefined) {
    console.error(`${report.unknownLanguage(lang ?? '')}\n${report.usage(steps.length, DEFAULT_FILE)}`);
    process.exitCode = 2;
    return;
  }
  const [what, ...rest] = args;
  if (what === 'serve') {
    const [port, file = DEFAULT_FILE] = /^\d+$/.test(rest[0] ?? '') ? rest : [undefined, ...rest];
    return serve(port, resolve(file), text);
  }
  const file = resolve(rest[0] ?? DEFAULT_FILE);
  const shownFile = relative(process.cwd(), file);
  const step = what === 'suite' ? 'suite' : stepNumbered(Number(what), steps);
  if (step === undefined || what === undefined) {
    console.error(report.usage(steps.length, DEFAULT_FILE));
    process.exitCode = 2;
    return;
  }
  if (!existsSync(file)) {
    console.error(report.noFileYet(shownFile, DEFAULT_FILE));
    process.exitCode = 2;
    return;
  }

  const started = performance.now();
  const groups =
    step === 'suite'
      ? [{ step: 'suite' as const, checks: suiteChecks(text) }]
      : steps.filter((earlier) => earlier.number <= step.number).map(({ number, checks }) => ({ step: number, checks }));
  const results = await runChecks(
    groups
      .map((group) => ({ ...group, checks: group.checks.filter((each) => !chosen || chosen.has(each.id)) }))
      .filter((group) => group.checks.length > 0),
    file,
    text,
  );
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
    console.log(report.suiteAgainst(shownFile));
    printResults(text, report.suiteHeading, results, false, false);
    const skipped = Object.entries(NOT_FOR_THE_READERS_SERVER).map(([id, reason]) =>
      report.leftOutCase(id, text.leftOutReasons?.[id] ?? reason),
    );
    console.log(dim(`${report.leftOut}\n${skipped.join('\n')}`));
  } else {
    console.log(report.checking(shownFile, step.number, step.title));
    for (const earlier of steps.filter((each) => each.number < step.number)) {
      printResults(
        text,
        report.stepHeading(earlier.number, earlier.title),
        results.filter((result) => result.step === earlier.number),
        false,
      );
    }
    printResults(
      text,
      report.stepHeading(step.number, step.title),
      results.filter((result) => result.step === step.number),
      true,
    );
  }
  const verdict = failed.length ? red(report.someFail(failed.length, results.length)) : green(report.allChecksPass(results.length));
  console.log(`\n${verdict}${dim(report.took(seconds))}`);
  if (failed.length && step !== 'suite') {
    const firstFailing = steps.find((each) => each.number === failed[0]!.step) ?? step;
    console.log(report.hints(firstFailing.slug, `${text.pageBase}/${firstFailing.slug}/`));
  } else if (!failed.length && step !== 'suite' && step.number < steps.length) {
    const next = steps[step.number]!;
    console.log(report.next(next.number, next.title, `${text.pageBase}/${next.slug}/`));
  } else if (!failed.length && step !== 'suite') {
    console.log(report.lastStep);
  }
}

await main();
