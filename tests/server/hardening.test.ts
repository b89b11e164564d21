// The demo server's limits one by one: options, the error helper, the Origin policy, the message limiter, /metrics and shutdown.
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { optionsFromEnv, resolveOptions } from '../../server/index.ts';
import { demoError, DemoProtocolError } from '../../server/demo-errors.ts';
import { checkOrigin } from '../../server/origin-policy.ts';
import { ConnectionWatch } from '../../server/connection-watch.ts';
import { shutDownWithin } from '../../server/shutdown.ts';
import { startDemo } from './demo-harness.ts';
import { RawClient } from './bad-input/raw-client.ts';

const upgradeFrom = (headers: Record<string, string>) => ({ headers }) as IncomingMessage;

describe('options', () => {
  it('reads every limit, ALLOWED_ORIGINS, TRUSTED_PROXIES and LOG_LEVEL from the environment', () => {
    expect(
      optionsFromEnv({
        DEMO_MAX_CONNECTIONS_PER_IP: '7',
        DEMO_MAX_CONNECTIONS: '70',
        DEMO_MAX_MESSAGES_PER_SECOND: '5',
        DEMO_MAX_FRAGMENTS_PER_MESSAGE: '3',
        DEMO_HANDSHAKE_TIMEOUT_MS: '500',
        DEMO_IDLE_TIMEOUT_MS: '1000',
        DEMO_HEARTBEAT_INTERVAL_MS: '250',
        DEMO_MAX_HEADER_BYTES: '8192',
        DEMO_MAX_HEADER_COUNT: '40',
        DEMO_SHUTDOWN_TIMEOUT_MS: '9000',
        ALLOWED_ORIGINS: 'https://a.example, https://b.example:8443 ,',
        TRUSTED_PROXIES: 'loopback, 10.0.0.0/8',
        LOG_LEVEL: 'warn',
      }),
    ).toEqual({
      maxConnectionsPerIp: 7,
      maxConnections: 70,
      maxMessagesPerSecond: 5,
      maxFragmentsPerMessage: 3,
      handshakeTimeoutMs: 500,
      idleTimeoutMs: 1000,
      heartbeatIntervalMs: 250,
      maxHeaderBytes: 8192,
      maxHeaderCount: 40,
      shutdownTimeoutMs: 9000,
      allowedOrigins: ['https://a.example', 'https://b.example:8443'],
      trustedProxies: ['loopback', '10.0.0.0/8'],
      logLevel: 'warn',
    });
  });

  it('normalizes allowed origins the way browsers serialize Origin', () => {
    expect(resolveOptions({ allowedOrigins: ['HTTPS://Example.COM:443', 'http://localhost:4321/'] }).allowedOrigins).toEqual([
      'https://example.com',
      'http://localhost:4321',
    ]);
  });

  it('rejects combinations that make no sense, with a sentence', () => {
    expect(() => resolveOptions({ maxConnectionsPerIp: 20, maxConnections: 10 })).toThrow(
      new TypeError('The option maxConnectionsPerIp (20) cannot be more than maxConnections (10), since one address could never reach it.'),
    );
    expect(() => resolveOptions({ closeGraceMs: 5000, shutdownTimeoutMs: 5000 })).toThrow(
      new TypeError(
        'The option shutdownTimeoutMs (5000) must be more than closeGraceMs (5000), or shutdown would be cut before the close handshakes may finish.',
      ),
    );
    expect(() => resolveOptions({ allowedOrigins: ['https://example.com/app'] })).toThrow(TypeError);
    expect(() => resolveOptions({ allowedOrigins: ['example.com'] })).toThrow(/is not a URL/);
    expect(() => resolveOptions({ trustedProxies: ['loopback', 'proxy.example'] })).toThrow(
      new TypeError(
        'The trusted proxy "proxy.example" is not an IP address, a CIDR range (such as 10.0.0.0/8) or one of loopback, linklocal, uniquelocal.',
      ),
    );
    expect(() => resolveOptions({ logLevel: 'loud' as 'info' })).toThrow(
      new TypeError('The option logLevel must be one of fatal, error, warn, info, debug, trace, silent, but it is "loud".'),
    );
    expect(() => resolveOptions({ heartbeatIntervalMs: 0 })).toThrow(/heartbeatIntervalMs must be a whole number of at least 1/);
  });
});

describe('demoError', () => {
  it('carries a stable code, a message, and the status it leads to', () => {
    const error = demoError('DEMO_ERR_MESSAGE_RATE', 'A connection may send at most 100 messages a second.');
    expect(error).toBeInstanceOf(DemoProtocolError);
    expect(error.code).toBe('DEMO_ERR_MESSAGE_RATE');
    expect(error.message).toBe('A connection may send at most 100 messages a second.');
    expect(error.status).toBe(1008);
    expect(error.when).toBe('connection');
    expect(error.closeReason).toBe('DEMO_ERR_MESSAGE_RATE: A connection may send at most 100 messages a second.');
    expect(demoError('DEMO_ERR_ORIGIN_NOT_ALLOWED', 'No.').status).toBe(403);
  });

  it('cuts a close reason to the 123 bytes a Close frame holds, on a character boundary', () => {
    const reason = demoError('DEMO_ERR_IDLE', 'é'.repeat(200)).closeReason;
    expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(123);
    expect(reason.endsWith('…')).toBe(true);
  });
});

describe('checkOrigin', () => {
  const host = 'workshop.example:8080';

  it('allows no Origin (not a browser page), the same host and port in any scheme, and listed origins', () => {
    expect(checkOrigin(upgradeFrom({ host }), [])).toBeNull();
    expect(checkOrigin(upgradeFrom({ host, origin: 'http://workshop.example:8080' }), [])).toBeNull();
    expect(checkOrigin(upgradeFrom({ host, origin: 'https://workshop.example:8080' }), [])).toBeNull();
    expect(checkOrigin(upgradeFrom({ host: 'workshop.example', origin: 'https://workshop.example' }), [])).toBeNull();
    expect(checkOrigin(upgradeFrom({ host, origin: 'https://docs.example' }), ['https://docs.example'])).toBeNull();
  });

  it('refuses other hosts, other ports, "null" and garbage with 403', () => {
    for (const origin of ['https://evil.example', 'http://workshop.example:8081', 'http://workshop.example', 'null', 'not a url']) {
      const error = checkOrigin(upgradeFrom({ host, origin }), ['https://docs.example']);
      expect(error?.code, origin).toBe('DEMO_ERR_ORIGIN_NOT_ALLOWED');
      expect(error?.status).toBe(403);
    }
    // A listed origin must match in scheme too: it is a whole origin, not a host.
    expect(checkOrigin(upgradeFrom({ host, origin: 'http://docs.example' }), ['https://docs.example'])?.status).toBe(403);
  });
});

describe('ConnectionWatch', () => {
  const text = (fin: boolean, opcode = 0x1) => Uint8Array.of((fin ? 0x80 : 0) | opcode, 0x80, 0, 0, 0, 0);
  const pong = Uint8Array.of(0x8a, 0x80, 0, 0, 0, 0);
  // The watch only keeps its socket for the sweeps; reading frames never touches it.
  const watchWith = (maxMessagesPerSecond: number, maxFragmentsPerMessage: number, received = { count: 0 }) =>
    new ConnectionWatch({} as WebSocket, 1, '/ws/echo', '127.0.0.1', { maxMessagesPerSecond, maxFragmentsPerMessage }, received, 0);

  it('allows a burst of maxMessagesPerSecond messages, then refuses until the bucket refills', () => {
    const watch = watchWith(3, 10);
    for (let i = 0; i < 3; i++) expect(watch.push(text(true), 0)).toBeNull();
    expect(watch.push(text(true), 0)?.code).toBe('DEMO_ERR_MESSAGE_RATE');
    const refilled = watchWith(3, 10);
    for (let i = 0; i < 3; i++) refilled.push(text(true), 0);
    expect(refilled.push(text(true), 1000 / 3)).toBeNull();
  });

  it('counts fragments per message, and a message once, at its final frame', () => {
    const received = { count: 0 };
    const watch = watchWith(100, 3, received);
    expect(watch.push(Buffer.concat([text(false), text(false, 0), text(true, 0)]), 0)).toBeNull();
    expect(received.count).toBe(1);
    const error = watch.push(Buffer.concat([text(false), text(false, 0), text(false, 0), text(true, 0)]), 0);
    expect(error?.code).toBe('DEMO_ERR_TOO_MANY_FRAGMENTS');
    expect(error?.status).toBe(1008);
  });

  it('skips payloads of every length encoding without reading them, however the bytes are split', () => {
    const received = { count: 0 };
    const watch = watchWith(2, 10, received);
    // A 16-bit length of 300 and a 64-bit length of 70000, masked, with their payloads, fed one byte at a time.
    const frames = Buffer.concat([
      Buffer.from('81fe012c00000000', 'hex'),
      Buffer.alloc(300, 0x81),
      Buffer.from('82ff000000000001117000000000', 'hex'),
      Buffer.alloc(70_000, 0x81),
    ]);
    for (const byte of frames) expect(watch.push(Uint8Array.of(byte), 0)).toBeNull();
    expect(received.count).toBe(2);
    expect(watch.push(text(true), 0)?.code).toBe('DEMO_ERR_MESSAGE_RATE');
  });

  it('records when the last message arrived and clears awaitingPong on a Pong, which is no message', () => {
    const received = { count: 0 };
    const watch = watchWith(100, 10, received);
    expect(watch.lastMessageAt).toBe(0);
    watch.push(text(false), 5);
    expect(watch.lastMessageAt).toBe(0);
    watch.push(text(true, 0), 7);
    expect(watch.lastMessageAt).toBe(7);
    watch.awaitingPong = true;
    watch.push(pong, 9);
    expect(watch.awaitingPong).toBe(false);
    expect(watch.lastMessageAt).toBe(7);
    expect(received.count).toBe(1);
  });
});

describe('/metrics', () => {
  it('reports connections, messages by endpoint and direction, and refusals in the Prometheus text format', async () => {
    const { base } = await startDemo();
    const ws = new WebSocket(`ws://${base}/ws/echo`);
    await once(ws, 'open');
    ws.send('one');
    await once(ws, 'message');
    const refused = new WebSocket(`ws://${base}/ws/echo`, { origin: 'https://evil.example' });
    refused.on('error', () => {});
    const [, response] = await once(refused, 'unexpected-response');
    expect(response.statusCode).toBe(403);

    const metrics = await fetch(`http://${base}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await metrics.text();
    expect(text).toContain('# TYPE demo_connections gauge');
    expect(text).toContain('demo_connections{endpoint="/ws/echo"} 1');
    expect(text).toContain('demo_messages_total{endpoint="/ws/echo",direction="in"} 1');
    expect(text).toContain('demo_messages_total{endpoint="/ws/echo",direction="out"} 1');
    expect(text).toContain('demo_refusals_total{reason="DEMO_ERR_ORIGIN_NOT_ALLOWED"} 1');
    ws.close();
  });

  it('counts closes by code, with the application ranges 3000–4999 as two series', async () => {
    const { base, demo } = await startDemo();
    for (const code of [1000, 3001, 3999, 4001]) {
      const ws = new WebSocket(`ws://${base}/ws/echo`);
      await once(ws, 'open');
      const serverSideClosed = once([...demo.connections.keys()].at(-1)!, 'close');
      ws.close(code);
      await serverSideClosed;
    }
    const closes = await demo.metrics.registry.getSingleMetricAsString('demo_closes_total');
    expect(closes).toContain('demo_closes_total{code="1000"} 1');
    expect(closes).toContain('demo_closes_total{code="3000-3999"} 2');
    expect(closes).toContain('demo_closes_total{code="4000-4999"} 1');
  });

  it('keeps each demo server in its own registry', async () => {
    const [a, b] = await Promise.all([startDemo(), startDemo()]);
    expect(a.demo.metrics.registry).not.toBe(b.demo.metrics.registry);
  });
});

describe('close()', () => {
  it('cuts a peer that never answers the Close once closeGraceMs has passed', async () => {
    const { base, demo } = await startDemo({ closeGraceMs: 20 });
    const silent = await RawClient.open(base);
    await silent.handshake(base);
    await demo.close();
    expect(await silent.readUntilClose()).toMatchObject({ close: { code: 1001 } });
    await silent.closed();
  });
});

describe('heartbeat and /ws/lab', () => {
  it("does not report the heartbeat's empty pongs as answers to the lab's pings", async () => {
    const { base } = await startDemo({ heartbeatIntervalMs: 20 });
    const ws = new WebSocket(`ws://${base}/ws/lab`);
    const types: string[] = [];
    ws.on('message', (data) => types.push((JSON.parse(String(data)) as { type: string }).type));
    await once(ws, 'open');
    for (let i = 0; i < 3; i++) await once(ws, 'ping');
    // ws answered each heartbeat ping before this request, so a report of those pongs would come first.
    ws.send(JSON.stringify({ act: 'ping' }));
    while (!types.includes('pong-received')) await once(ws, 'message');
    expect(types).toEqual(['about-to-send', 'pong-received']);
    ws.close();
  });
});

describe('shutDownWithin', () => {
  it('exits 0 when the steps finish, and 1 at the deadline when they hang', async () => {
    const exits: number[] = [];
    await shutDownWithin(
      1000,
      async () => {},
      (code) => exits.push(code),
    );
    expect(exits).toEqual([0]);

    const exited = new Promise<number>((resolve) => void shutDownWithin(10, () => new Promise(() => {}), resolve));
    expect(await exited).toBe(1);
  });
});
