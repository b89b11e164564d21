// Real servers on loopback for tests, with no test runner attached: free ports, child processes, test certificates,
// and the production nginx configs as a test runs them. Vitest (tests/server/) and Playwright (tests/e2e/) both use it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';

export { freePort } from '../../scripts/free-port.ts';

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

export interface Child {
  child: ChildProcess;
  output(): string;
  /** Sends the stop signal and waits for the exit; SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/**
 * Starts a program and keeps its output for error messages. A program with worker processes (nginx) needs a stop
 * signal it acts on, so that it stops its workers; SIGKILL would orphan them.
 */
export function spawnChild(
  command: string,
  args: string[],
  env: Record<string, string> = {},
  stopSignal: NodeJS.Signals = 'SIGKILL',
): Child {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(stopSignal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resolves with the port `npm start` (or anything printing its address the same way) says it listens on. */
export function printedPort(started: Child, what = 'npm start'): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const onData = () => {
      const match = /http:\/\/127\.0\.0\.1:(\d+)/.exec(started.output());
      if (match) resolve(Number(match[1]));
    };
    started.child.stdout!.on('data', onData);
    onData();
    started.child.once('exit', (code) => reject(new Error(`${what} exited with ${code}:\n${started.output()}`)));
  });
}

/**
 * A self-signed certificate for `names` (host names, or IP addresses such as 127.0.0.1), as PEM files in `dir`; the
 * certificate doubles as its own CA.
 */
export function selfSignedCertificate(dir: string, ...names: string[]): { cert: string; key: string } {
  const cert = path.join(dir, 'fullchain.pem');
  const key = path.join(dir, 'privkey.pem');
  const altNames = names.map((name) => (/^[\d.]+$/.test(name) ? `IP:${name}` : `DNS:${name}`)).join(',');
  execFileSync(
    'openssl',
    // prettier-ignore
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', `/CN=${names[0]}`, '-addext', `subjectAltName=${altNames}`, '-keyout', key, '-out', cert],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

/** base64(SHA-256(SubjectPublicKeyInfo)): the form Chromium's --ignore-certificate-errors-spki-list takes. */
export function spkiHash(certFile: string): string {
  const publicKey = execFileSync('openssl', ['x509', '-in', certFile, '-noout', '-pubkey']);
  const der = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'der'], { input: publicKey });
  return execFileSync('openssl', ['dgst', '-sha256', '-binary'], { input: der }).toString('base64');
}

/** Replaces `from` with `to`, insisting that `from` occurs exactly once, so an edit to the example cannot slip past. */
export function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const count = typeof from === 'string' ? text.split(from).length - 1 : (text.match(new RegExp(from, 'g')) ?? []).length;
  if (count !== 1) throw new Error(`expected ${String(from)} exactly once in the example, found it ${count} times`);
  return text.replace(from, to);
}

export interface NginxRendering {
  httpPort: number;
  httpsPort: number;
  /** Scratch directory for the pid file, logs and temp files. */
  dir: string;
  cert: string;
  key: string;
}

/**
 * An nginx example from examples/production/ as a test runs it: loopback ports, a test certificate, pid, logs and
 * temp files in `dir`. Everything else stays as the reader copies it.
 */
export function renderNginx(source: string, r: NginxRendering): string {
  let conf = source;
  conf = replaceOnce(conf, 'listen 80;', `listen 127.0.0.1:${r.httpPort};`);
  conf = replaceOnce(conf, 'listen 443 ssl;', `listen 127.0.0.1:${r.httpsPort} ssl;`);
  conf = replaceOnce(conf, /ssl_certificate +\S+;/, `ssl_certificate ${r.cert};`);
  conf = replaceOnce(conf, /ssl_certificate_key +\S+;/, `ssl_certificate_key ${r.key};`);
  conf = replaceOnce(conf, 'pid /run/nginx.pid;', `pid ${r.dir}/nginx.pid;`);
  conf = replaceOnce(conf, 'error_log /var/log/nginx/error.log;', 'error_log stderr;');
  conf = replaceOnce(conf, 'access_log /var/log/nginx/access.log;', `access_log ${r.dir}/access.log;`);
  // Debian's nginx keeps its temp files under /var/lib/nginx; the test keeps them in its scratch directory.
  const temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `${kind}_temp_path ${r.dir}/${kind};`).join(' ');
  return replaceOnce(conf, 'http {', `http {\n    ${temps}`);
}

/** nginx in the foreground with `conf` (written into `dir`), once it accepts connections on `port`. */
export async function startNginx(nginx: string, dir: string, conf: string, port: number): Promise<Child> {
  const confFile = path.join(dir, 'nginx.conf');
  writeFileSync(confFile, conf);
  const started = spawnChild(nginx, ['-p', dir, '-e', 'stderr', '-c', confFile, '-g', 'daemon off;'], {}, 'SIGTERM');
  await waitForPort(port, started.child, started.output);
  return started;
}
