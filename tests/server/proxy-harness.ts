// Real processes for the reverse-proxy tests: `npm start` on port 0, nginx and Caddy on loopback in front of it.
import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { LookupFunction } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

import { printedPort, spawnChild, type Child } from '../support/local-servers.ts';

export { findBinary, freePort, selfSignedCertificate, waitForPort } from '../support/local-servers.ts';

const children: Child[] = [];
const scratchDirs: string[] = [];

afterEach(async () => {
  // One by one, each on its own stop signal; one that will not stop within 5 s is killed (spawnChild).
  for (const child of children.splice(0)) await child.stop();
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The built site the tests serve: dist/, or DIST_DIR when a second build sits elsewhere. */
export const DIST_DIR = process.env.DIST_DIR || 'dist';

/** A scratch directory removed after the test; readable by nginx's unprivileged workers when nginx runs as root. */
export function scratchDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ws-proxy-'));
  chmodSync(dir, 0o755);
  scratchDirs.push(dir);
  return dir;
}

/**
 * Starts a program, keeps its output for error messages, and stops it after the test with `stopSignal`. A program
 * with worker processes (nginx) needs a signal it acts on, so that it stops its workers; SIGKILL would orphan them.
 */
export function startChild(
  command: string,
  args: string[],
  env: Record<string, string> = {},
  stopSignal: NodeJS.Signals = 'SIGKILL',
): Child {
  const started = spawnChild(command, args, env, stopSignal);
  children.push(started);
  return started;
}

/** `npm start` (server/start.ts on Node 24) on 127.0.0.1 and a port of its choosing; resolves with that port. */
export async function startSite(env: Record<string, string> = {}): Promise<{ child: ChildProcess; port: number }> {
  if (!existsSync(path.join(DIST_DIR, '404.html'))) {
    throw new Error(`npm start serves a built site, and there is none in ${DIST_DIR}: run npm run build first.`);
  }
  const started = startChild(process.execPath, ['server/start.ts'], { PORT: '0', HOST: '127.0.0.1', DIST_DIR, ...env });
  return { child: started.child, port: await printedPort(started) };
}

export const resolveToLoopback: LookupFunction = (_hostname, options, callback) => {
  if (options.all)
    (callback as (err: null, addresses: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

/** Writes `text` to a file in `dir` and returns its path. */
export function writeScratchFile(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}
