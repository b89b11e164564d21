// The deployments the deploy specs run against: real static servers (python's http.server, nginx) and the demo
// server, each on its own loopback origin, in front of the variant builds of dist-variants/ (deploy-variants.ts).
import { chmodSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findBinary, freePort, printedPort, spawnChild, waitForPort, type Child } from '../support/local-servers.ts';

export const python = findBinary('/usr/bin/python3', 'python3');
export const nginx = findBinary('nginx', '/usr/sbin/nginx');

/** Processes and scratch directories one deployment started, stopped and removed together. */
export class Running {
  readonly #children: Child[] = [];
  readonly #dirs: string[] = [];

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
