// The production chapter's reverse-proxy configs, run as they are shown: the real nginx and Caddy on loopback in front of
// the real `npm start`, with WebSocket traffic over TLS through them. Only ports, certificate and scratch paths change.
import { once } from 'node:events';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import http2 from 'node:http2';
import path from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LIMITS } from '../../server/limits.ts';
import {
  DIST_DIR,
  findBinary,
  freePort,
  resolveToLoopback,
  scratchDir,
  selfSignedCertificate,
  startChild,
  startSite,
  waitForPort,
  writeScratchFile,
} from './proxy-harness.ts';
import { caddyTestGlobalOptions } from '../support/caddy-front.ts';
import { renderNginx, replaceOnce } from '../support/local-servers.ts';
import type { HandshakeReport } from '../../src/lib/demo-messages.ts';

const SYSTEMD_EXAMPLE = 'examples/production/websocket-workshop.service';
const NGINX_EXAMPLE = 'examples/production/nginx.conf';
const CADDY_EXAMPLE = 'examples/production/Caddyfile';
/** The host name both examples serve; the client resolves it to 127.0.0.1. */
const SITE = 'workshop.example.com';

const nginxBinary = findBinary('nginx', '/usr/sbin/nginx');
const caddyBinary = findBinary('caddy');
const openssl = findBinary('openssl');
const systemdAnalyze = findBinary('systemd-analyze');

interface Proxy {
  /** Port of the plain-HTTP listener (redirects) and of the TLS listener. */
  httpPort: number;
  httpsPort: number;
  /** PEM the client trusts for the proxy's certificate. */
  ca: string;
  /** What the proxy has printed so far, for the message of a handshake that fails. */
  output: () => string;
}

/** nginx in the foreground on free loopback ports, in front of the upstream port, after `edit` has had its say. */
async function startNginx(upstreamPort: number, edit: (conf: string) => string = (conf) => conf): Promise<Proxy> {
  const dir = scratchDir();
  const { cert, key } = selfSignedCertificate(dir, SITE);
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  const example = replaceOnce(readFileSync(NGINX_EXAMPLE, 'utf8'), 'server 127.0.0.1:8080;', `server 127.0.0.1:${upstreamPort};`);
  const conf = edit(renderNginx(example, { httpPort, httpsPort, dir, cert, key }));
  const confFile = writeScratchFile(dir, 'nginx.conf', conf);
  const { child, output } = startChild(nginxBinary!, ['-p', dir, '-e', 'stderr', '-c', confFile, '-g', 'daemon off;'], {}, 'SIGTERM');
  await waitForPort(httpsPort, child, output);
  return { httpPort, httpsPort, ca: readFileSync(cert, 'utf8'), output };
}

/** Caddy with the example's site block unchanged but its upstream port; global options keep it local and quiet. */
async function startCaddy(upstreamPort: number): Promise<Proxy> {
  const dir = scratchDir();
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  // local_certs: Caddy's own CA issues the certificate, so nothing goes to Let's Encrypt; the test trusts its root.
  const globalOptions = caddyTestGlobalOptions(dir, httpPort, httpsPort);
  const site = replaceOnce(readFileSync(CADDY_EXAMPLE, 'utf8'), 'reverse_proxy 127.0.0.1:8080', `reverse_proxy 127.0.0.1:${upstreamPort}`);
  const caddyfile = writeScratchFile(dir, 'Caddyfile', globalOptions + site);
  const { child, output } = startChild(caddyBinary!, ['run', '--config', caddyfile, '--adapter', 'caddyfile'], {
    HOME: dir,
    XDG_CONFIG_HOME: dir,
    XDG_DATA_HOME: dir,
  });
  await waitForPort(httpsPort, child, output);
  // Caddy listens before its CA has issued the site's certificate; until then a handshake fails with an alert.
  const certificate = path.join(dir, 'data/certificates/local', SITE, `${SITE}.crt`);
  for (let tries = 0; !existsSync(certificate) && tries < 200; tries++) await new Promise((resolve) => setTimeout(resolve, 25));
  const ca = readFileSync(path.join(dir, 'data/pki/authorities/local/root.crt'), 'utf8');
  await waitForTls(httpsPort, ca);
  return { httpPort, httpsPort, ca, output };
}

/** Resolves once a TLS handshake for the site succeeds on the port. */
async function waitForTls(port: number, ca: string): Promise<void> {
  for (let tries = 0; ; tries++) {
    const socket = tlsConnect({ host: '127.0.0.1', port, servername: SITE, ca });
    const ok = await Promise.race([once(socket, 'secureConnect').then(() => true), once(socket, 'error').then(() => false)]);
    socket.destroy();
    if (ok) return;
    if (tries > 100) throw new Error(`no TLS handshake for ${SITE} on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Opens wss://workshop.example.com:PORT/… through the proxy, as a browser on that site would (Origin included). */
async function openThroughProxy(
  proxy: Proxy,
  endpoint: string,
  origin = `https://${SITE}:${proxy.httpsPort}`,
  localAddress?: string,
): Promise<{ ws: WebSocket; response: IncomingMessage }> {
  const ws = new WebSocket(`wss://${SITE}:${proxy.httpsPort}${endpoint}`, {
    ca: proxy.ca,
    lookup: resolveToLoopback,
    origin,
    ...(localAddress ? { localAddress } : {}),
  });
  // ws emits 'open' in the same tick as 'upgrade', so both are awaited from the start.
  try {
    const [[response]] = (await Promise.all([once(ws, 'upgrade'), once(ws, 'open')])) as [[IncomingMessage], unknown];
    return { ws, response };
  } catch (error) {
    throw new Error(`handshake through the proxy failed: ${(error as Error).message}\nThe proxy printed:\n${proxy.output()}`);
  }
}

/** The status of a handshake the server refused, as seen through the proxy. */
async function refusedStatus(proxy: Proxy, endpoint: string, origin?: string, localAddress?: string): Promise<number> {
  const ws = new WebSocket(`wss://${SITE}:${proxy.httpsPort}${endpoint}`, {
    ca: proxy.ca,
    lookup: resolveToLoopback,
    origin,
    ...(localAddress ? { localAddress } : {}),
  });
  ws.on('error', () => {});
  const [, response] = (await once(ws, 'unexpected-response')) as [unknown, IncomingMessage];
  return response.statusCode!;
}

async function echo(ws: WebSocket, data: string | Buffer): Promise<WebSocket.RawData> {
  ws.send(data);
  const [reply] = (await once(ws, 'message')) as [WebSocket.RawData];
  return reply;
}

/** The checks both proxies must pass: the same traffic a reader's browser sends through them. */
function itProxiesWebSocket(start: (upstreamPort: number) => Promise<Proxy>): void {
  it('carries /ws/echo over wss: the 101 comes back with Upgrade and Connection, and text and binary echo', async () => {
    const site = await startSite();
    const proxy = await start(site.port);
    const { ws, response } = await openThroughProxy(proxy, '/ws/echo');
    expect(response.statusCode).toBe(101);
    expect(response.headers.upgrade?.toLowerCase()).toBe('websocket');
    expect(response.headers.connection?.toLowerCase()).toBe('upgrade');
    expect(String(await echo(ws, 'through the proxy'))).toBe('through the proxy');
    const bytes = Buffer.from('00ff10fe', 'hex');
    expect(Buffer.from((await echo(ws, bytes)) as Buffer)).toEqual(bytes);
    ws.close();
    const [code] = await once(ws, 'close');
    expect(code).toBe(1005);
  });

  it('hands the demo server an upgrade request with the Host (port included) and the client address', async () => {
    const site = await startSite();
    const proxy = await start(site.port);
    const { ws } = await openThroughProxy(proxy, '/ws/inspect');
    const [first] = await once(ws, 'message');
    const report = JSON.parse(String(first)) as { request: { startLine: string; headers: [string, string][] } };
    const header = (name: string) => report.request.headers.find(([n]) => n.toLowerCase() === name)?.[1];
    expect(report.request.startLine).toBe('GET /ws/inspect HTTP/1.1');
    expect(header('upgrade')?.toLowerCase()).toBe('websocket');
    expect(header('connection')?.toLowerCase()).toContain('upgrade');
    expect(header('host')).toBe(`${SITE}:${proxy.httpsPort}`);
    expect(header('x-forwarded-for')).toBe('127.0.0.1');
    ws.close();
  });

  it("lets the site's own pages through and refuses another site's with 403, so the Origin check survives the proxy", async () => {
    const site = await startSite();
    const proxy = await start(site.port);
    const { ws } = await openThroughProxy(proxy, '/ws/echo', `https://${SITE}:${proxy.httpsPort}`);
    ws.close();
    expect(await refusedStatus(proxy, '/ws/echo', 'https://evil.example')).toBe(403);
  });

  it("holds each client to its own per-address cap with the systemd unit's TRUSTED_PROXIES", async () => {
    const trusted = unitEnvironment()['TRUSTED_PROXIES'];
    expect(trusted, 'the systemd unit sets TRUSTED_PROXIES').toBeDefined();
    const site = await startSite({ TRUSTED_PROXIES: trusted!, DEMO_MAX_CONNECTIONS_PER_IP: '1' });
    const proxy = await start(site.port);
    const origin = `https://${SITE}:${proxy.httpsPort}`;
    // Two readers on two addresses (127.0.0.2 and 127.0.0.3 reach the proxy on 127.0.0.1), one connection each.
    const { ws: first } = await openThroughProxy(proxy, '/ws/echo', origin, '127.0.0.2');
    const { ws: second } = await openThroughProxy(proxy, '/ws/echo', origin, '127.0.0.3');
    expect(await refusedStatus(proxy, '/ws/echo', origin, '127.0.0.2')).toBe(429);
    first.close();
    second.close();
  });

  it('sends plain-HTTP visitors to https', async () => {
    const site = await startSite();
    const proxy = await start(site.port);
    // node:http rather than fetch, which will not send a Host header of our choosing.
    const request = get({ host: '127.0.0.1', port: proxy.httpPort, path: '/handshake/', headers: { Host: SITE } });
    const [response] = (await once(request, 'response')) as [IncomingMessage];
    response.resume();
    expect([301, 308]).toContain(response.statusCode);
    expect(response.headers.location).toMatch(new RegExp(`^https://${SITE.replaceAll('.', '\\.')}(:\\d+)?/handshake/$`));
  });
}

describe.skipIf(!nginxBinary || !openssl)(`${NGINX_EXAMPLE} (nginx${nginxBinary ? '' : ' is not installed: skipped'})`, () => {
  itProxiesWebSocket((upstreamPort) => startNginx(upstreamPort));

  it('fails the handshake without the two Upgrade and Connection lines: the server gets a plain GET and answers 426', async () => {
    const site = await startSite();
    const proxy = await startNginx(site.port, (conf) =>
      replaceOnce(replaceOnce(conf, /\n *proxy_set_header Upgrade .*;/, ''), /\n *proxy_set_header Connection .*;/, ''),
    );
    expect(await refusedStatus(proxy, '/ws/echo')).toBe(426);
  });

  it("keeps proxy_read_timeout longer than the demo server's ping interval, so pings keep idle sockets open", () => {
    const match = /proxy_read_timeout (\d+)s;/.exec(readFileSync(NGINX_EXAMPLE, 'utf8'));
    expect(match, 'the example sets proxy_read_timeout in seconds').not.toBeNull();
    expect(Number(match![1]) * 1000).toBeGreaterThan(LIMITS.heartbeatIntervalMs.default);
  });

  // The same rule in fast motion: the read timeout cut to 1 s (the only change), and the server's ping interval
  // once shorter and once longer than it. Idle sockets live on pings alone.
  it('keeps an idle socket open while server pings come more often than proxy_read_timeout, and drops it otherwise', async () => {
    const shortTimeout = (conf: string) => replaceOnce(conf, /proxy_read_timeout \d+s;/, 'proxy_read_timeout 1s;');

    const pinged = await startSite({ DEMO_HEARTBEAT_INTERVAL_MS: '250' });
    const pingedProxy = await startNginx(pinged.port, shortTimeout);
    const { ws: kept } = await openThroughProxy(pingedProxy, '/ws/echo');
    let pings = 0;
    kept.on('ping', () => pings++);

    const silent = await startSite({ DEMO_HEARTBEAT_INTERVAL_MS: '60000' });
    const silentProxy = await startNginx(silent.port, shortTimeout);
    const { ws: dropped } = await openThroughProxy(silentProxy, '/ws/echo');
    const [code] = await once(dropped, 'close');
    // nginx closes the TCP connection with no Close frame: the client reports 1006.
    expect(code).toBe(1006);

    expect(kept.readyState).toBe(WebSocket.OPEN);
    expect(pings).toBeGreaterThan(2);
    expect(String(await echo(kept, 'still here'))).toBe('still here');
    kept.close();
  });

  // RFC 8441 through nginx: with HTTP/2 on its TLS listener (1.22's `listen … http2`; `http2 on` from 1.25.1), nginx
  // speaks HTTP/2 to the client but implements no extended CONNECT, so it never advertises the setting (RFC 8441 §3),
  // and a client must use the HTTP/1.1 upgrade, which nginx tunnels as before.
  it('speaks HTTP/2 without SETTINGS_ENABLE_CONNECT_PROTOCOL, so WebSockets fall back to the HTTP/1.1 upgrade through it', async () => {
    const site = await startSite();
    const proxy = await startNginx(site.port, (conf) => replaceOnce(conf, /listen (127\.0\.0\.1:\d+) ssl;/, 'listen $1 ssl http2;'));
    const session = http2.connect(`https://${SITE}:${proxy.httpsPort}`, { ca: proxy.ca, lookup: resolveToLoopback, servername: SITE });
    try {
      await once(session, 'remoteSettings');
      expect(session.alpnProtocol).toBe('h2');
      expect(session.remoteSettings.enableConnectProtocol).toBe(false);
      // Chromium and Firefox send no extended CONNECT a server has not allowed (see /extensions/); Node's client
      // does, and nginx answers it 400.
      const connect = session.request(
        { ':method': 'CONNECT', ':protocol': 'websocket', ':scheme': 'https', ':path': '/ws/echo', ':authority': SITE },
        { endStream: false },
      );
      const outcome = await new Promise<string>((resolve) => {
        connect.on('response', (headers) => resolve(`status ${headers[':status']}`));
        connect.on('error', (error: Error & { code?: string }) => resolve(`error ${error.code}: ${error.message}`));
      });
      expect(outcome).toBe('status 400');
    } finally {
      session.destroy();
    }
    // The fallback: the HTTP/1.1 upgrade, on a TLS connection of its own, reaches the demo server through the same nginx.
    const { ws, response } = await openThroughProxy(proxy, '/ws/inspect');
    expect(response.statusCode).toBe(101);
    const [first] = (await once(ws, 'message')) as [Buffer];
    expect((JSON.parse(String(first)) as HandshakeReport).request.startLine).toBe('GET /ws/inspect HTTP/1.1');
    ws.close();
  });
});

describe.skipIf(!caddyBinary)(`${CADDY_EXAMPLE} (Caddy${caddyBinary ? '' : ' is not installed: skipped'})`, () => {
  itProxiesWebSocket(startCaddy);
});

/** The unit's [Service] settings as name → values (Environment repeats), with the install path moved to this checkout. */
function readUnit(): { text: string; settings: Map<string, string[]> } {
  const text = readFileSync(SYSTEMD_EXAMPLE, 'utf8').replaceAll('/srv/websocket-workshop', process.cwd());
  const settings = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (match) settings.set(match[1]!, [...(settings.get(match[1]!) ?? []), match[2]!]);
  }
  return { text, settings };
}

/** The unit's Environment= settings as name → value. */
function unitEnvironment(): Record<string, string> {
  return Object.fromEntries(
    readUnit()
      .settings.get('Environment')!
      .map((pair) => pair.split('=') as [string, string]),
  );
}

describe(`${SYSTEMD_EXAMPLE} (npm start under systemd)`, () => {
  it.skipIf(!systemdAnalyze)(`passes systemd-analyze verify${systemdAnalyze ? '' : ' (not installed: skipped)'}`, () => {
    const dir = scratchDir();
    const unit = writeScratchFile(dir, 'websocket-workshop.service', readUnit().text);
    // verify exits non-zero on a missing or non-executable ExecStart; unknown keys only print, so output must be empty too.
    const result = spawnSync(systemdAnalyze!, ['verify', unit], { encoding: 'utf8' });
    expect(result.stderr + result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  it('starts the server with its ExecStart and Environment, and stops it on SIGTERM within TimeoutStopSec', async () => {
    const { settings } = readUnit();
    const [execStart] = settings.get('ExecStart')!;
    const [workingDirectory] = settings.get('WorkingDirectory')!;
    expect(workingDirectory).toBe(process.cwd());
    const environment = unitEnvironment();
    expect(environment).toMatchObject({ PORT: '8080', HOST: '127.0.0.1' });
    const timeoutStopMs = Number(settings.get('TimeoutStopSec')![0]) * 1000;
    expect(timeoutStopMs).toBeGreaterThan(LIMITS.shutdownTimeoutMs.default);

    // As systemd would run it, except on a free port and against the test's build.
    const [command, ...args] = execStart!.split(' ');
    const { child, output } = startChild(command!, args, { ...environment, PORT: '0', DIST_DIR });
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout!.on('data', () => {
        const match = /http:\/\/127\.0\.0\.1:(\d+)/.exec(output());
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', (code) => reject(new Error(`ExecStart exited with ${code}:\n${output()}`)));
    });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/echo`);
    await once(ws, 'open');
    expect(String(await echo(ws, 'under systemd'))).toBe('under systemd');

    const closed = once(ws, 'close');
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect((await closed)[0]).toBe(1001);
    expect((await exited)[0]).toBe(0);
  });
});
