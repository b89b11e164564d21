// The language guides' claims, run for real: each guide's client talks to the demo server on port 0, and each guide's
// example server closes a message over its configured size with 1009, as its library's source says it does.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MATRIX_SERVERS, startMatrixServer, type RunningServer } from '../../conformance/matrix/servers.ts';
import { startDemo } from './demo-harness.ts';
import { RawClient } from './bad-input/raw-client.ts';

/** The jars Jetty's client needs, as the example's Run line names them: the JVM starts faster than with /usr/share/java/*. */
const JETTY_CLIENT_CLASSPATH = ['websocket-client', 'websocket-common', 'websocket-api', 'client', 'io', 'util', 'http']
  .map((jar) => `/usr/share/java/jetty9-${jar}.jar`)
  .join(':');

interface GuideClient {
  file: string;
  command: string;
  args: (url: string, message: string) => string[];
  /** A program that must be installed to run it (Debian's package names in the skip message). */
  needs: string[];
  install: string;
}

const CLIENTS: GuideClient[] = [
  {
    file: 'examples/clients/node-echo-client.js',
    command: process.execPath,
    args: (url, message) => ['examples/clients/node-echo-client.js', url, message],
    needs: [],
    install: '',
  },
  {
    file: 'examples/clients/python-echo-client.py',
    command: '/usr/bin/python3',
    args: (url, message) => ['examples/clients/python-echo-client.py', url, message],
    needs: ['/usr/bin/python3', '-c', 'import websockets'],
    install: 'python3-websockets',
  },
  {
    file: 'examples/clients/ruby-echo-client.rb',
    command: 'ruby',
    args: (url, message) => ['examples/clients/ruby-echo-client.rb', url, message],
    needs: ['ruby', '-e', 'require "faye/websocket"'],
    install: 'ruby-faye-websocket',
  },
  {
    file: 'examples/clients/java-echo-client.java',
    command: 'java',
    args: (url, message) => ['-cp', JETTY_CLIENT_CLASSPATH, 'examples/clients/java-echo-client.java', url, message],
    needs: ['java', '-cp', JETTY_CLIENT_CLASSPATH, '-version'],
    install: 'default-jdk-headless libjetty9-extra-java',
  },
];

/** GOPATH mode, so `go list` finds Debian's packages in /usr/share/gocode as the matrix's builds do. */
const GOPATH_MODE = { GO111MODULE: 'off', GOPATH: '/usr/share/gocode', GOFLAGS: '', GOCACHE: join(tmpdir(), 'ws-workshop-go-cache') };
const installed = (needs: string[]) =>
  needs.length === 0 || spawnSync(needs[0]!, needs.slice(1), { stdio: 'ignore', env: { ...process.env, ...GOPATH_MODE } }).status === 0;

/** Runs a program to its end (at most `timeoutMs`) and returns what it printed and its exit code. */
async function runToEnd(
  command: string,
  args: string[],
  timeoutMs: number,
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { stdout, stderr, code };
}

describe('each guide’s client', () => {
  it.each(CLIENTS.map((client) => [client.file, client]))(
    '%s sends one message to the demo server’s /ws/echo, prints the echo and closes with 1000',
    async (_file, client) => {
      if (!installed(client.needs)) {
        console.warn(`Skipping ${client.file}: on Debian, apt-get install ${client.install}.`);
        return;
      }
      const { base } = await startDemo();
      const message = `Hello from ${client.file}`;
      const run = await runToEnd(client.command, client.args(`ws://${base}/ws/echo`, message), 60_000);
      expect(run.stdout, run.stderr).toBe(`received: ${message}\nclosed: 1000\n`);
      expect(run.code).toBe(0);
    },
    70_000,
  );

  it('examples/clients/node-echo-client.js says why when the handshake is refused, and exits 1', async () => {
    const { base } = await startDemo();
    // The demo server answers an unknown endpoint with 404, so the handshake fails before any WebSocket opens.
    const run = await runToEnd(process.execPath, ['examples/clients/node-echo-client.js', `ws://${base}/ws/nowhere`], 10_000);
    expect(run.stderr).toMatch(/^error: Unexpected server response: \d{3}\n/);
    expect(run.code).toBe(1);
  });
});

/** How to tell that each example server's library is installed, and the Debian packages that provide it. */
const SERVER_LIBRARIES: Record<string, { needs: string[]; install: string }> = {
  'node-ws': { needs: [], install: '' },
  'go-gorilla': { needs: ['go', 'list', 'github.com/gorilla/websocket'], install: 'golang-go golang-github-gorilla-websocket-dev' },
  'go-nhooyr': { needs: ['go', 'list', 'nhooyr.io/websocket'], install: 'golang-go golang-nhooyr-websocket-dev' },
  'python-websockets': { needs: ['/usr/bin/python3', '-c', 'import websockets'], install: 'python3-websockets' },
  'python-aiohttp': { needs: ['/usr/bin/python3', '-c', 'import aiohttp'], install: 'python3-aiohttp' },
  'python-tornado': { needs: ['/usr/bin/python3', '-c', 'import tornado'], install: 'python3-tornado' },
  'ruby-faye': { needs: ['ruby', '-e', 'require "faye/websocket"; require "thin"'], install: 'ruby-faye-websocket thin' },
};

/** The example server each guide shows first, whose configured 16 MiB limit the guide quotes. */
const LIMITED_SERVERS = ['node-ws', 'go-gorilla', 'python-websockets', 'ruby-faye'];
const SIXTEEN_MIB = 16 * 2 ** 20;

/** A masked binary frame header that announces 16 MiB + 1 bytes of payload, and none of the payload. */
function oversizedFrameHeader(): Buffer {
  const header = Buffer.alloc(2 + 8 + 4);
  header[0] = 0x82; // FIN, binary
  header[1] = 0x80 | 127; // masked, 64-bit length follows
  header.writeBigUInt64BE(BigInt(SIXTEEN_MIB + 1), 2);
  return header; // the masking key is the last four zero bytes: any key will do, no payload follows
}

describe('each guide’s example servers', () => {
  const binDir = mkdtempSync(join(tmpdir(), 'ws-workshop-guides-'));
  const running: RunningServer[] = [];
  afterEach(async () => {
    for (const server of running.splice(0)) await server.stop();
  });
  afterAll(() => rmSync(binDir, { recursive: true, force: true }));

  /** Starts a matrix server for one test, or, when its library is not installed, says so and returns null. */
  async function startOrSkip(id: string): Promise<RunningServer | null> {
    const server = MATRIX_SERVERS.find((candidate) => candidate.id === id)!;
    const library = SERVER_LIBRARIES[id]!;
    if (!installed(library.needs)) {
      console.warn(`Skipping ${server.source}: on Debian, apt-get install ${library.install}.`);
      return null;
    }
    // A server that is installed but does not start is a failure, not a skip.
    const started = await startMatrixServer(server, binDir);
    running.push(started);
    return started;
  }

  it.each(LIMITED_SERVERS.map((id) => [MATRIX_SERVERS.find((server) => server.id === id)!.source, id]))(
    '%s closes with 1009 (Message Too Big) as soon as a frame header announces more than its 16 MiB limit',
    async (_source, id) => {
      const started = await startOrSkip(id);
      if (!started) return;
      const { host } = new URL(started.url);
      const client = await RawClient.open(host);
      await client.handshake(host, '/');
      // Every one of these libraries checks the announced length before reading the payload (RFC 6455 §10.4).
      await client.write(oversizedFrameHeader());
      const { close } = await client.readUntilClose();
      client.destroy();
      expect(close?.code).toBe(1009);
    },
    60_000,
  );

  // The guides say every example server answers the echo console at /ws/echo for a page on this machine; these three
  // needed a route for every path (aiohttp, Tornado) or loopback origins (nhooyr) to do so.
  it.each(['python-aiohttp', 'python-tornado', 'go-nhooyr'].map((id) => [MATRIX_SERVERS.find((server) => server.id === id)!.source, id]))(
    '%s echoes on /ws/echo for a page from 127.0.0.1 on another port, as ?server= needs',
    async (_source, id) => {
      const started = await startOrSkip(id);
      if (!started) return;
      const ws = new WebSocket(new URL('ws/echo', started.url), { headers: { Origin: 'http://127.0.0.1:4321' } });
      await once(ws, 'open');
      const echoed = once(ws, 'message');
      ws.send('Hello from a workshop page');
      expect(String(((await echoed) as [Buffer])[0])).toBe('Hello from a workshop page');
      ws.close();
      if (id === 'go-nhooyr') {
        // Only loopback pages: nhooyr's own Origin check still refuses another site's (accept.go lines 190–215).
        const refused = new WebSocket(new URL('ws/echo', started.url), { headers: { Origin: 'https://elsewhere.example' } });
        refused.on('error', () => {});
        const [, response] = (await once(refused, 'unexpected-response')) as [unknown, { statusCode: number }];
        refused.terminate();
        expect(response.statusCode).toBe(403);
      }
    },
    60_000,
  );
});
