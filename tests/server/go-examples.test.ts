// The Go examples of "Writing a server", built once with the system's Go (GOPATH mode, Debian's packages, no
// download) and run against real peers: Go servers answer a Node ws client, the Go client dials the demo server.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { startDemo } from './demo-harness.ts';

const XNET_ECHO = 'examples/go/xnet-echo/main.go';
const GORILLA_ECHO = 'examples/go/gorilla-echo/main.go';
const GORILLA_HUB = 'examples/go/gorilla-hub/main.go';
const GORILLA_CLIENT = 'examples/go/gorilla-client/main.go';
const EXAMPLES = [XNET_ECHO, GORILLA_ECHO, GORILLA_HUB, GORILLA_CLIENT];

const hasGo = spawnSync('go', ['version']).status === 0;
const SKIP_REASON =
  'no Go toolchain on PATH (on Debian: apt-get install golang-go golang-github-gorilla-websocket-dev golang-golang-x-net-dev)';
if (!hasGo) console.warn(`Skipping the Go examples: ${SKIP_REASON}.`);

const binDir = mkdtempSync(join(tmpdir(), 'ws-workshop-go-'));
/** The built program of an example: `go build -o dir/` names it after its folder. */
const binary = (example: string) => join(binDir, dirname(example).split('/').pop()!);
// GOPATH mode finds imports in Debian's /usr/share/gocode/src, so nothing is downloaded; GOFLAGS from the
// environment could ask for modules, so it is cleared. The build cache sits in the temp dir, since CI may lack $HOME.
const goEnv = {
  ...process.env,
  GO111MODULE: 'off',
  GOPATH: '/usr/share/gocode',
  GOFLAGS: '',
  GOCACHE: join(tmpdir(), 'ws-workshop-go-cache'),
};

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});
afterAll(() => rmSync(binDir, { recursive: true, force: true }));

/** Starts a Go server on a free port and waits for the address it prints. */
async function startGoServer(example: string): Promise<string> {
  const child = spawn(binary(example), ['-addr', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  let output = '';
  while (!/listening on http:\/\/(\S+)\n/.test(output)) output += String(((await once(child.stdout!, 'data')) as [Buffer])[0]);
  return /listening on http:\/\/(\S+)\n/.exec(output)![1]!;
}

async function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  const ws = new WebSocket(url, { headers });
  await once(ws, 'open');
  return ws;
}

/** The HTTP status of a refused handshake. */
async function refusal(url: string, headers: Record<string, string>): Promise<number> {
  const ws = new WebSocket(url, { headers });
  ws.on('error', () => {});
  const [, response] = (await once(ws, 'unexpected-response')) as [unknown, { statusCode: number }];
  ws.terminate();
  return response.statusCode;
}

async function reply(ws: WebSocket, data: string | Buffer): Promise<{ data: Buffer; isBinary: boolean }> {
  const received = once(ws, 'message');
  ws.send(data);
  const [message, isBinary] = (await received) as [Buffer, boolean];
  return { data: message, isBinary };
}

describe.skipIf(!hasGo)(`Go examples${hasGo ? '' : ` (skipped: ${SKIP_REASON})`}`, () => {
  beforeAll(async () => {
    // One go build for all four: it compiles the packages in parallel and shares one cache.
    const packages = EXAMPLES.map((example) => `./${dirname(example)}`);
    await promisify(execFile)('go', ['build', '-o', `${binDir}/`, ...packages], { env: goEnv });
  }, 120_000);

  it(`${XNET_ECHO} echoes frame by frame, keeps text and binary apart, and refuses another site's page with 403`, async () => {
    const address = await startGoServer(XNET_ECHO);
    const ws = await open(`ws://${address}/echo`);
    expect(await reply(ws, 'Hello, x/net')).toEqual({ data: Buffer.from('Hello, x/net'), isBinary: false });
    // Bytes that are not UTF-8 must come back in a binary frame: as text, ws would fail the connection (§8.1).
    const notUtf8 = Buffer.from('fffe00c3', 'hex');
    expect(await reply(ws, notUtf8)).toEqual({ data: notUtf8, isBinary: true });
    // 40 000 bytes, far more than one read of the connection's buffer, yet one message comes back as one message.
    const long = 'x'.repeat(40_000);
    expect(String((await reply(ws, long)).data)).toBe(long);
    // x/net reads frame by frame: a message sent in two fragments comes back as two messages.
    const echoes: string[] = [];
    ws.on('message', (data) => echoes.push(String(data)));
    ws.send('Hello, ', { fin: false });
    ws.send('fragments', { fin: true });
    while (echoes.length < 2) await once(ws, 'message');
    expect(echoes).toEqual(['Hello, ', 'fragments']);
    ws.close();
    await open(`ws://${address}/echo`, { Origin: `http://${address}` });
    expect(await refusal(`ws://${address}/echo`, { Origin: 'https://elsewhere.example' })).toBe(403);
  });

  it(`${GORILLA_ECHO} echoes text and binary, and refuses another site's page with 403`, async () => {
    const address = await startGoServer(GORILLA_ECHO);
    const ws = await open(`ws://${address}/echo`, { Origin: `http://${address}` });
    expect(await reply(ws, 'Hello, gorilla')).toEqual({ data: Buffer.from('Hello, gorilla'), isBinary: false });
    expect(await reply(ws, Buffer.from('00ff', 'hex'))).toEqual({ data: Buffer.from('00ff', 'hex'), isBinary: true });
    // gorilla joins fragments: two frames in, one message back.
    const joined = once(ws, 'message');
    ws.send('Hello, ', { fin: false });
    ws.send('fragments', { fin: true });
    expect(String(((await joined) as [Buffer])[0])).toBe('Hello, fragments');
    // Past SetReadLimit, gorilla closes with 1009 (Message Too Big).
    const closed = once(ws, 'close');
    ws.send('x'.repeat(70_000));
    expect(((await closed) as [number])[0]).toBe(1009);
    expect(await refusal(`ws://${address}/echo`, { Origin: 'https://elsewhere.example' })).toBe(403);
  });

  it(`${GORILLA_HUB} broadcasts every message to every client`, async () => {
    const address = await startGoServer(GORILLA_HUB);
    const ada = await open(`ws://${address}/room`);
    const bob = await open(`ws://${address}/room`);
    // The hub registers a client before its pumps start, so both are in the room once their handshakes are done.
    const toBob = once(bob, 'message');
    const toAda = once(ada, 'message');
    ada.send('Hello, room');
    expect(String(((await toAda) as [Buffer])[0])).toBe('Hello, room');
    expect(String(((await toBob) as [Buffer])[0])).toBe('Hello, room');
    // A clean close from the client gets the hub's 1000 back.
    const closed = once(bob, 'close');
    bob.close(1000);
    expect(((await closed) as [number])[0]).toBe(1000);
  });

  it(`${GORILLA_HUB} drops a client that stops reading, so the room keeps flowing, and tells it 1013 when it reads again`, async () => {
    const address = await startGoServer(GORILLA_HUB);
    const slow = await open(`ws://${address}/room`);
    const fast = await open(`ws://${address}/room`);
    // The slow client stops reading: the hub's writes to it fill the TCP buffers, then its 64-message queue.
    slow.pause();
    // 20 MB, far more than loopback's socket buffers hold, in messages just under the example's 4 KiB read limit. The
    // fast client says the next message once the previous one is back, as people in a room do: a burst of more than
    // 64 at once would fill even a fast reader's queue, and the hub would drop that client too.
    const count = 5000;
    const message = 'x'.repeat(4000);
    let received = 0;
    const allBack = new Promise<void>((resolve) =>
      fast.on('message', () => {
        if (++received === count) resolve();
        else fast.send(message);
      }),
    );
    fast.send(message);
    // Had the hub waited for the slow client, the room would stall here and the fast client would never get them all.
    await allBack;
    // Reading again, the slow client gets what its writer had queued, then the writer finds its queue closed.
    const closed = once(slow, 'close');
    slow.resume();
    const [code, reason] = (await closed) as [number, Buffer];
    expect(code).toBe(1013);
    expect(String(reason)).toBe('too slow');
    fast.close();
  });

  it(`${GORILLA_CLIENT} dials the demo server's /ws/echo, prints the echo and closes with 1000`, async () => {
    const { base } = await startDemo();
    const child = spawn(binary(GORILLA_CLIENT), ['-url', `ws://${base}/ws/echo`, '-message', 'Hello from Go'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
    const [code] = (await once(child, 'exit')) as [number];
    expect(output).toBe('received: Hello from Go\nclosed: 1000\n');
    expect(code).toBe(0);
  });

  it(`${GORILLA_CLIENT} gives up on a server that never answers its Close, after -close-wait`, async () => {
    // This server echoes the first message, then stops reading, so the client's Close is never answered.
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(server, 'listening');
    server.on('connection', (ws) =>
      ws.once('message', (data, isBinary) => {
        ws.send(data, { binary: isBinary });
        ws.pause();
      }),
    );
    const { port } = server.address() as AddressInfo;
    const child = spawn(binary(GORILLA_CLIENT), ['-url', `ws://127.0.0.1:${port}/`, '-close-wait', '300ms'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    let errors = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk));
    const [code] = (await once(child, 'exit')) as [number];
    for (const ws of server.clients) ws.terminate();
    server.close();
    expect(output).toBe('received: Hello from Go\n');
    expect(errors).toMatch(/i\/o timeout/);
    expect(code).toBe(1);
  });
});
