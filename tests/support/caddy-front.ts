// The production Caddyfile as a browser test runs it: Caddy on loopback for https://localhost:<port>, in front of a given upstream, with an access log the test reads. No test runner's API, so Vitest and Playwright tests can both use it.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect as tlsConnect } from 'node:tls';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findBinary, freePort, replaceOnce, spawnChild, waitForPort } from './local-servers.ts';

export const CADDY_EXAMPLE = 'examples/production/Caddyfile';
export const caddyBinary = findBinary('caddy');

/** One line of Caddy's JSON access log, the fields the tests read. */
export interface CaddyAccess {
  request: { proto: string; method: string; uri: string; headers: Record<string, string[]> };
  status: number;
}

export interface CaddyFront {
  origin: string;
  /** The access log so far. Caddy writes a WebSocket's line when the connection ends. */
  accessLog(): CaddyAccess[];
  stop(): Promise<void>;
}

/**
 * Caddy running examples/production/Caddyfile with two changes a loopback test needs: the site address is
 * `localhost` (Caddy's own CA issues its certificate, `local_certs`), and the upstream is `upstreamPort`. Global
 * options keep it local; an access log goes to a scratch file.
 */
export async function startCaddyFront(upstreamPort: number): Promise<CaddyFront> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ws-caddy-'));
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  const accessLogFile = path.join(dir, 'access.log');
  const globalOptions = caddyTestGlobalOptions(dir, httpPort, httpsPort);
  let site = readFileSync(CADDY_EXAMPLE, 'utf8');
  site = replaceOnce(site, 'workshop.example.com {', `localhost {\n\tlog {\n\t\toutput file ${accessLogFile}\n\t}`);
  site = replaceOnce(site, 'reverse_proxy 127.0.0.1:8080', `reverse_proxy 127.0.0.1:${upstreamPort}`);
  const caddyfile = path.join(dir, 'Caddyfile');
  writeFileSync(caddyfile, globalOptions + site);
  const started = spawnChild(caddyBinary!, ['run', '--config', caddyfile, '--adapter', 'caddyfile'], {
    HOME: dir,
    XDG_CONFIG_HOME: dir,
    XDG_DATA_HOME: dir,
  });
  await waitForPort(httpsPort, started.child, started.output);
  // Caddy listens before its CA has issued the certificate; until then a handshake fails with an alert.
  const certificate = path.join(dir, 'data/certificates/local/localhost/localhost.crt');
  for (let tries = 0; !existsSync(certificate) && tries < 200; tries++) await new Promise((resolve) => setTimeout(resolve, 25));
  await waitForTls(httpsPort);
  return {
    origin: `https://localhost:${httpsPort}`,
    accessLog: () =>
      existsSync(accessLogFile)
        ? readFileSync(accessLogFile, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as CaddyAccess)
        : [],
    stop: async () => {
      await started.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The Caddyfile global options that keep a test's Caddy local: no admin API, its own CA (`local_certs`, so nothing
 * goes to Let's Encrypt) left out of the system's trust store, listeners on loopback only, and its data in `dir`.
 * Caddy otherwise binds every interface, and adds an HTTP/3 listener on UDP that no test uses.
 */
export function caddyTestGlobalOptions(dir: string, httpPort: number, httpsPort: number): string {
  return [
    '{',
    '\tadmin off',
    '\tlocal_certs',
    '\tskip_install_trust',
    `\thttp_port ${httpPort}`,
    `\thttps_port ${httpsPort}`,
    '\tdefault_bind 127.0.0.1',
    '\tservers {',
    '\t\tprotocols h1 h2',
    '\t}',
    `\tstorage file_system ${dir}/data`,
    '}',
    '',
  ].join('\n');
}

/** Resolves once a TLS handshake for localhost succeeds on the port (the certificate is Caddy's own, not checked). */
async function waitForTls(port: number): Promise<void> {
  for (let tries = 0; ; tries++) {
    const socket = tlsConnect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false });
    const ok = await Promise.race([once(socket, 'secureConnect').then(() => true), once(socket, 'error').then(() => false)]);
    socket.destroy();
    if (ok) return;
    if (tries > 100) throw new Error(`no TLS handshake for localhost on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
