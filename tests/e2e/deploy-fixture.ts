// The deployments the deploy specs run against: real static servers (python's http.server, nginx) and the demo
// server, each on its own loopback origin, in front of the variant builds of dist-variants/ (deploy-variants.ts).
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findBinary, freePort, printedPort, spawnChild, waitForPort, type Child } from '../support/local-servers.ts';

export const python = findBinary('/usr/bin/python3', 'python3');
export const nginx = findBinary('nginx', '/usr/sbin/nginx');

/**
 * How long a deploy spec's run in one engine may wait for its run in the other to free the port fixed at build time.
 * A worker fixture that locks the port needs this much more time than its own setup.
 */
export const FIXED_PORT_WAIT_MS = 10 * 60_000;

/** Whether the process `pid` still runs (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Processes, scratch directories and port locks one deployment took, stopped and released together. */
export class Running {
  readonly #children: Child[] = [];
  readonly #dirs: string[] = [];
  readonly #locks: string[] = [];

  /**
   * Waits until this process alone may use `port`, a port fixed at build time (PUBLIC_DEMO_URL names it): the same
   * spec runs once per engine, in two workers at once, and both would listen on it. The lock is a directory
   * (mkdir is atomic) holding the owner's pid, so a lock left by a killed worker is taken over.
   */
  async lockPort(port: number, timeoutMs = FIXED_PORT_WAIT_MS): Promise<void> {
    const lock = path.join(tmpdir(), `ws-deploy-port-${port}.lock`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        mkdirSync(lock);
        writeFileSync(path.join(lock, 'pid'), String(process.pid));
        this.#locks.push(lock);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      let owner = NaN;
      try {
        owner = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
      } catch {
        // Just made, pid not written yet: wait.
      }
      if (Number.isInteger(owner) && owner > 0 && !alive(owner)) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`Port ${port} stayed locked by process ${owner} for ${timeoutMs} ms (${lock})`);
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  keep(child: Child): Child {
    this.#children.push(child);
    return child;
  }

  /** A scratch directory, readable by nginx's unprivileged workers when nginx runs as root. */
  scratchDir(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'ws-deploy-'));
    chmodSync(dir, 0o755);
    this.#dirs.push(dir);
    return dir;
  }

  async stop(): Promise<void> {
    await Promise.all(this.#children.splice(0).map((child) => child.stop()));
    for (const dir of this.#dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    for (const lock of this.#locks.splice(0)) rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * A plain static file server, python's http.server, with the build at `base` below its root, as a host that
 * publishes a project under a path does: nothing of ours runs in it and it sends no security headers.
 */
export async function startPlainStaticHost(running: Running, outDir: string, base: string): Promise<number> {
  if (!python) throw new Error('The split-deploy test serves the build with python3 -m http.server, and there is no python3.');
  const root = running.scratchDir();
  const below = base.replace(/^\/|\/$/g, '');
  if (below) symlinkSync(path.resolve(outDir), path.join(root, below));
  const port = await freePort();
  const server = running.keep(spawnChild(python, ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', root]));
  await waitForPort(port, server.child, server.output);
  return port;
}

/** `npm start` (server/start.ts on this Node) with `env`, on the port it is given or one of its choosing. */
export async function startNpmStart(running: Running, env: Record<string, string>): Promise<number> {
  const started = running.keep(
    spawnChild(process.execPath, ['server/start.ts'], { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env }, 'SIGTERM'),
  );
  return printedPort(started);
}
