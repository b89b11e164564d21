// Real processes for the reverse-proxy tests: `npm start` on port 0, nginx and Caddy on loopback in front of it.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo, type LookupFunction } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

export { selfSignedCertificate } from './self-signed-certificate.ts';

const children: { child: ChildProcess; stopSignal: NodeJS.Signals }[] = [];
const scratchDirs: string[] = [];

afterEach(async () => {
  for (const { child, stopSignal } of children.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = once(child, 'exit');
    child.kill(stopSignal);
    // A process that will not stop on its signal within 5 s is killed; its own children would then be orphaned.
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
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

/** A port nobody is listening on right now. nginx and Caddy cannot be told to pick their own. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port, or rejects when `child` exits first. */
export async function waitForPort(port: number, child: ChildProcess, output: () => string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before listening on ${port}:\n${output()}`);
    const accepted = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(true)).once('error', () => resolve(false));
      socket.setTimeout(500, () => resolve(false));
    }).then((ok) => ok);
    if (accepted) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing listened on ${port} within ${timeoutMs} ms:\n${output()}`);
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
): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push({ child, stopSignal });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  return { child, output: () => output };
}

/** `npm start` (server/start.ts on Node 24) on 127.0.0.1 and a port of its choosing; resolves with that port. */
export async function startSite(env: Record<string, string> = {}): Promise<{ child: ChildProcess; port: number }> {
  if (!existsSync(path.join(DIST_DIR, '404.html'))) {
    throw new Error(`npm start serves a built site, and there is none in ${DIST_DIR}: run npm run build first.`);
  }
  const { child, output } = startChild(process.execPath, ['server/start.ts'], { PORT: '0', HOST: '127.0.0.1', DIST_DIR, ...env });
  const port = await new Promise<number>((resolve, reject) => {
    const onData = () => {
      const match = /http:\/\/127\.0\.0\.1:(\d+)/.exec(output());
      if (match) resolve(Number(match[1]));
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output()}`)));
  });
  return { child, port };
}

/** Resolves every name to 127.0.0.1, so a client can use the example's real host name against a local proxy. */
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

/** The first program of `candidates` that exists, or undefined. */
export function findBinary(...candidates: string[]): string | undefined {
  for (const candidate of candidates) {
    if (candidate.includes('/')) {
      if (existsSync(candidate)) return candidate;
      continue;
    }
    try {
      return execFileSync('sh', ['-c', `command -v ${candidate}`], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      // not on PATH
    }
  }
  return undefined;
}
