// Faults that are not one bad message: a client that never reads, a dead peer, a slowloris, a burst of connects, SIGTERM mid-traffic.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startDemo } from '../demo-harness.ts';
import { clientFrame, echoStillWorks, handshakeLines, RawClient, request } from './raw-client.ts';

async function connect(url: string, options: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  const ws = new WebSocket(url, options);
  await once(ws, 'open');
  return ws;
}

/** Opens a WebSocket and resolves with its HTTP status: 101, or the refusal's. */
function handshakeStatus(url: string, options: WebSocket.ClientOptions = {}): Promise<{ status: number; ws: WebSocket }> {
  const ws = new WebSocket(url, options);
  ws.on('error', () => {});
  return new Promise((resolve) => {
    ws.once('open', () => resolve({ status: 101, ws }));
    ws.once('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0, ws }));
  });
}

describe('a client that never reads', () => {
  it('makes /ws/echo stop reading from it, so server memory stays bounded, and resume once it reads', async () => {
    const maxBufferedBytes = 256 * 1024;
    const { base, demo } = await startDemo({ maxBufferedBytes, maxMessagesPerSecond: 10_000 });
    const [host, port] = base.split(':');
    const socket = connectTcp(Number(port), host);
    socket.on('error', () => {});
    await once(socket, 'connect');
    socket.write(request(handshakeLines(base)));
    let handshake = '';
    while (!handshake.includes('\r\n\r\n')) handshake += String((await once(socket, 'data'))[0]);
    // From here on the client reads nothing.
    socket.pause();

    const [serverSide] = [...demo.connections.keys()];
    let largestQueue = 0;
    const paused = new Promise<void>((resolve) =>
      serverSide!.on('message', () => {
        largestQueue = Math.max(largestQueue, serverSide!.bufferedAmount);
        if (serverSide!.isPaused) resolve();
      }),
    );

    // 32 KiB binary messages until the server pauses (how many depends on the kernel's socket buffers), then 4 MiB more.
    const message = clientFrame({ opcode: 0x2, payload: new Uint8Array(32 * 1024).fill(0x2a) });
    let count = 0;
    let isPaused = false;
    void paused.then(() => (isPaused = true));
    while (!isPaused) {
      count++;
      await Promise.race([new Promise((resolve) => socket.write(message, resolve)), paused]);
    }
    // What the server holds for this client is its limit plus at most what one read of the socket delivered.
    expect(serverSide!.bufferedAmount).toBeLessThanOrEqual(maxBufferedBytes + 256 * 1024);
    for (let i = 0; i < 128; i++, count++) socket.write(message);

    // Now the client reads: every echo arrives, so the server resumed reading each time the queue drained.
    const expectedBytes = count * (4 + 32 * 1024);
    let receivedBytes = handshake.length - handshake.indexOf('\r\n\r\n') - 4;
    socket.on('data', (chunk: Buffer) => {
      receivedBytes += chunk.length;
      if (receivedBytes >= expectedBytes) socket.emit('all-echoed');
    });
    const allEchoed = once(socket, 'all-echoed');
    socket.resume();
    await allEchoed;
    expect(receivedBytes).toBe(expectedBytes);
    expect(largestQueue).toBeLessThanOrEqual(maxBufferedBytes + 256 * 1024);
    socket.destroy();
    expect(await echoStillWorks(base)).toBe('still serving');
  });
});

describe('heartbeat', () => {
  it('terminates a peer that does not answer pings, and keeps one that does', async () => {
    const { base, demo } = await startDemo({ heartbeatIntervalMs: 20 });
    const live = await connect(`ws://${base}/ws/echo`);
    const dead = await RawClient.open(base);
    await dead.handshake(base);
    // The raw client never answers: the server's empty Ping comes, then the connection is cut with no Close frame.
    await dead.until((received) => received.includes(Buffer.from('8900', 'hex')));
    await dead.closed();
    expect(await dead.readUntilClose()).toEqual({ frames: [{ opcode: 0x9, payload: '' }], close: null });

    // ws answers pings on its own; it is still connected after several.
    for (let i = 0; i < 5; i++) await once(live, 'ping');
    expect(live.readyState).toBe(WebSocket.OPEN);
    live.send('alive');
    expect(String((await once(live, 'message'))[0])).toBe('alive');
    live.close();
    expect(await demo.metrics.registry.getSingleMetricAsString('demo_closes_total')).toContain('demo_closes_total{code="1006"} 1');
  });
});

describe('idle timeout', () => {
  it('closes a connection that sends nothing with 1000 and a reason that says why', async () => {
    const { base } = await startDemo({ idleTimeoutMs: 50 });
    const ws = await connect(`ws://${base}/ws/echo`);
    const [code, reason] = await once(ws, 'close');
    expect(code).toBe(1000);
    expect(String(reason)).toBe('DEMO_ERR_IDLE: No message for 50 ms, so the server closed the connection.');
  });

  it('keeps a connection that keeps talking, however long it lives', async () => {
    const { base } = await startDemo({ idleTimeoutMs: 60 });
    const ws = await connect(`ws://${base}/ws/echo`);
    let closed = false;
    ws.on('close', () => (closed = true));
    // Twelve round trips, each after a quarter of the timeout: four timeouts' worth of time, never idle for one.
    for (let i = 0; i < 12; i++) {
      await new Promise((resolve) => setTimeout(resolve, 15));
      ws.send(`still here ${i}`);
      await once(ws, 'message');
    }
    expect(closed).toBe(false);
    ws.close();
  });
});

describe('slowloris', () => {
  it('answers headers that never finish with 408 and cuts the socket, while upgraded connections live on', async () => {
    const { base } = await startDemo({ handshakeTimeoutMs: 100, heartbeatIntervalMs: 25 });
    const upgraded = await connect(`ws://${base}/ws/echo`);
    const slow = await RawClient.open(base);
    await slow.write(Buffer.from(`GET /ws/echo HTTP/1.1\r\nHost: ${base}\r\n`));
    // One more header line every few milliseconds, never the blank line that ends them.
    let line = 0;
    const trickle = setInterval(() => void slow.write(Buffer.from(`X-Slow-${line++}: still coming\r\n`)), 5);
    const answer = await slow.readResponse();
    clearInterval(trickle);
    expect(answer.status).toBe(408);
    await slow.closed();

    // The headers timeout covers only the request: an upgraded connection is no longer an HTTP request.
    for (let i = 0; i < 8; i++) await once(upgraded, 'ping');
    upgraded.send('after the request timeout');
    expect(String((await once(upgraded, 'message'))[0])).toBe('after the request timeout');
    upgraded.close();
  });
});

describe('a burst of connects beyond the caps', () => {
  it('refuses the connections over the per-IP cap with 429 and over the global cap with 503, and frees places on close', async () => {
    const { base, demo } = await startDemo({ maxConnectionsPerIp: 5, maxConnections: 8 });
    const url = `ws://${base}/ws/echo`;
    // 20 at once from 127.0.0.1: 5 get in.
    const first = await Promise.all(Array.from({ length: 20 }, () => handshakeStatus(url)));
    expect(first.filter((r) => r.status === 101)).toHaveLength(5);
    expect(first.filter((r) => r.status === 429)).toHaveLength(15);
    // Another loopback address has its own per-IP count, but the server as a whole has 3 places left.
    const second = await Promise.all(Array.from({ length: 5 }, () => handshakeStatus(url, { localAddress: '127.0.0.2' })));
    expect(second.filter((r) => r.status === 101)).toHaveLength(3);
    expect(second.filter((r) => r.status === 503)).toHaveLength(2);

    const refusals = await demo.metrics.registry.getSingleMetricAsString('demo_refusals_total');
    expect(refusals).toContain('demo_refusals_total{reason="DEMO_ERR_TOO_MANY_FROM_IP"} 15');
    expect(refusals).toContain('demo_refusals_total{reason="DEMO_ERR_SERVER_FULL"} 2');

    // The server frees the place when its side of the WebSocket emits 'close', which ws does once the TCP socket has closed.
    const serverSideClosed = Promise.race([...demo.connections.keys()].map((ws) => once(ws, 'close')));
    first.find((r) => r.status === 101)!.ws.close();
    await serverSideClosed;
    const again = await handshakeStatus(url);
    expect(again.status).toBe(101);
    for (const { ws } of [...first, ...second, again]) ws.terminate();
  });
  it('gives back the place of a handshake that ws refuses after the caps let it through', async () => {
    const { base } = await startDemo({ maxConnectionsPerIp: 1 });
    // A key of the wrong length passes every check before the caps; ws refuses it with 400 and the socket closes.
    for (let i = 0; i < 3; i++) {
      const client = await RawClient.open(base);
      const lines = handshakeLines(base).map((line) => (line.startsWith('Sec-WebSocket-Key:') ? 'Sec-WebSocket-Key: c2hvcnQ=' : line));
      await client.write(request(lines));
      expect((await client.readResponse()).status).toBe(400);
      await client.closed();
    }
    const { status, ws } = await handshakeStatus(`ws://${base}/ws/echo`);
    expect(status).toBe(101);
    ws.close();
  });
});

describe('SIGTERM during traffic', () => {
  const children: ReturnType<typeof spawn>[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });

  it('closes every busy connection with 1001, logs each close, and exits 0', async () => {
    expect(existsSync('dist/404.html'), 'npm start serves dist/: run npm run build first').toBe(true);
    const { VITEST: _vitest, ...env } = process.env;
    const child = spawn(process.execPath, ['server/start.ts'], {
      env: { ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DEMO_MAX_MESSAGES_PER_SECOND: '1000000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    while (!/http:\/\/127\.0\.0\.1:\d+/.test(output)) await once(child.stdout!, 'data');
    const origin = /http:\/\/(127\.0\.0\.1:\d+)/.exec(output)![1]!;

    // Five clients that echo as fast as they can: each sends again as soon as its echo arrives.
    const clients = await Promise.all(Array.from({ length: 5 }, () => connect(`ws://${origin}/ws/echo`)));
    const echoes = clients.map((ws) => {
      let count = 0;
      ws.on('message', (data) => {
        count++;
        if (ws.readyState === WebSocket.OPEN) ws.send(data);
        if (count === 50) ws.emit('busy');
      });
      ws.send('traffic');
      return once(ws, 'busy');
    });
    await Promise.all(echoes);

    const closed = clients.map((ws) => once(ws, 'close'));
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    for (const [code] of await Promise.all(closed)) expect(code).toBe(1001);
    expect((await exited)[0]).toBe(0);

    const log = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { event?: string; code?: number; durationMs?: number; endpoint?: string });
    expect(log.filter((entry) => entry.event === 'open')).toHaveLength(5);
    const closes = log.filter((entry) => entry.event === 'close');
    expect(closes).toHaveLength(5);
    for (const entry of closes) {
      expect(entry).toMatchObject({ endpoint: '/ws/echo', code: 1001 });
      expect(entry.durationMs).toBeGreaterThanOrEqual(0);
    }
  });
});
