// The language guides' claims, run for real: each guide's client talks to the demo server on port 0, and each guide's
// example server closes a message over its configured size with 1009, as its library's source says it does.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
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

const installed = (needs: string[]) => needs.length === 0 || spawnSync(needs[0]!, needs.slice(1), { stdio: 'ignore' }).status === 0;

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

describe('each guide’s example server refuses a message over its 16 MiB limit', () => {
  const binDir = mkdtempSync(join(tmpdir(), 'ws-workshop-guides-'));
  const running: RunningServer[] = [];
  afterEach(async () => {
    for (const server of running.splice(0)) await server.stop();
  });
  afterAll(() => rmSync(binDir, { recursive: true, force: true }));

  it.each(LIMITED_SERVERS.map((id) => [MATRIX_SERVERS.find((server) => server.id === id)!.source, id]))(
    '%s closes with 1009 (Message Too Big) as soon as a frame header announces more',
    async (_source, id) => {
      const server = MATRIX_SERVERS.find((candidate) => candidate.id === id)!;
      let started: RunningServer;
      try {
        started = await startMatrixServer(server, binDir);
      } catch (error) {
        console.warn(`Skipping ${server.source}: ${(error as Error).message.split('\n')[0]}`);
        return;
      }
      running.push(started);
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
});
