// Runs checks against the reader's file: a fresh server on port 0 for each check, a time limit, and a crash turned into a failure.
import { once } from 'node:events';
import { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { watchServerReads, type ServerReads } from '../../tests/server/bad-input/one-byte-per-read.ts';
import { CheckFailure, type Check, type CheckContext, type ServerModule } from './check.ts';
import { CHECKER_TEXT, type CheckerText } from './checker-text.ts';

/** A check may take this long in all (the backpressure check moves tens of MiB); past it, it fails. */
const CHECK_TIMEOUT_MS = 20_000;

export interface CheckResult {
  step: number | 'suite';
  id: string;
  title: string;
  section: string;
  /** The RFC that `section` belongs to, when it is not 6455. */
  rfc?: string;
  /** What the check demands beyond what the RFC requires. */
  beyondRfc?: string;
  expectation: string;
  passed: boolean;
  failure?: { sent: string; received: string; expected: string };
  /** For a byte-wise check: how the reader's server read the bytes, so a test can see that each came in a read of its own. */
  serverReads?: ServerReads | null;
}

/** Imports the reader's file, or explains why it cannot be imported. */
export async function loadServerModule(file: string): Promise<ServerModule | Error> {
  try {
    return (await import(pathToFileURL(file).href)) as ServerModule;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** The first lines of an error's stack, where the reader's own code shows. */
function briefly(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return (error.stack ?? `${error.name}: ${error.message}`).split('\n').slice(0, 3).join('\n');
}

/** Starts the reader's server and tracks every socket, so that nothing a check opened outlives it. */
function contextFor(
  module: ServerModule,
  text: CheckerText,
): {
  context: CheckContext;
  lastSent(): string | undefined;
  serverReads(): ServerReads | null | undefined;
  stop(): Promise<void>;
} {
  let sent: string | undefined;
  let reads: ServerReads | null | undefined;
  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  const context: CheckContext = {
    module,
    sending(description) {
      sent = description;
    },
    serverRead(seen) {
      reads = seen;
    },
    async start() {
      if (typeof module.createServer !== 'function') {
        throw new CheckFailure({
          sent: text.evidence.importFromYourFile('createServer'),
          received: text.evidence.noExportNamed('createServer'),
          expected: text.evidence.createServerExpected,
        });
      }
      const server: unknown = module.createServer();
      if (!(server instanceof Server)) {
        throw new CheckFailure({
          sent: 'createServer()',
          received: text.evidence.returned(String(server)),
          expected: text.evidence.aNodeHttpServer,
        });
      }
      server.on('connection', (socket: Socket) => sockets.add(socket));
      watchServerReads(server);
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      servers.push(server);
      return { base: `127.0.0.1:${(server.address() as AddressInfo).port}`, server };
    },
  };
  return {
    context,
    lastSent: () => sent,
    serverReads: () => reads,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}

/** Runs one check; an exception thrown anywhere in the reader's server while it runs fails it. */
async function runCheck(check: Check, module: ServerModule, step: CheckResult['step'], text: CheckerText): Promise<CheckResult> {
  const { context, lastSent, serverReads, stop } = contextFor(module, text);
  let crash: (error: unknown) => void = () => {};
  const crashed = new Promise<never>((_, reject) => (crash = reject));
  const onCrash = (error: unknown) => crash(error);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(text.evidence.tookTooLong(CHECK_TIMEOUT_MS / 1000))), CHECK_TIMEOUT_MS);
  });
  const result: CheckResult = {
    step,
    id: check.id,
    title: check.title,
    section: check.section,
    ...(check.rfc ? { rfc: check.rfc } : {}),
    ...(check.beyondRfc ? { beyondRfc: check.beyondRfc } : {}),
    expectation: check.expectation,
    passed: true,
  };
  try {
    await Promise.race([check.run(context), crashed, timedOut]);
  } catch (error) {
    result.passed = false;
    result.failure =
      error instanceof CheckFailure
        ? { sent: error.sent, received: error.received, expected: error.expected }
        : { sent: lastSent() ?? check.title, received: text.evidence.yourServerThrew(briefly(error)), expected: check.expectation };
  } finally {
    clearTimeout(timer);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    await stop();
  }
  const reads = serverReads();
  if (reads !== undefined) result.serverReads = reads;
  return result;
}

/** Runs checks one after another against the module at `file`, each on a server of its own, reporting in the words of `text`. */
export async function runChecks(
  groups: { step: CheckResult['step']; checks: Check[] }[],
  file: string,
  text: CheckerText = CHECKER_TEXT.en,
): Promise<CheckResult[]> {
  const loaded = await loadServerModule(file);
  const results: CheckResult[] = [];
  // A crash between two checks (a socket the last check left behind) must not end the run.
  const ignoreLateCrash = () => {};
  process.on('uncaughtException', ignoreLateCrash);
  for (const { step, checks } of groups) {
    for (const check of checks) {
      if (loaded instanceof Error) {
        const failure = {
          sent: `import ${file}`,
          received: text.evidence.couldNotBeLoaded(briefly(loaded)),
          expected: text.evidence.aModuleThatLoads,
        };
        results.push({
          step,
          id: check.id,
          title: check.title,
          section: check.section,
          expectation: check.expectation,
          passed: false,
          failure,
        });
      } else {
        results.push(await runCheck(check, loaded, step, text));
      }
    }
  }
  process.off('uncaughtException', ignoreLateCrash);
  return results;
}
