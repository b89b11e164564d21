import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { connect as connectTcp } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { optionsFromEnv, resolveOptions } from '../../server/index.ts';
import { startDemo } from './demo-harness.ts';

async function connect(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url);
  await once(ws, 'open');
  return ws;
}

/** Sends a hand-written upgrade request and returns everything the server answers before closing. */
async function rawHandshake(base: string, extraHeaders: string[]): Promise<string> {
  const [host, port] = base.split(':');
  const socket = connectTcp(Number(port), host);
  socket.write(
    ['GET /ws/echo HTTP/1.1', `Host: ${base}`, 'Upgrade: websocket', 'Connection: Upgrade', ...extraHeaders, '', ''].join('\r\n'),
  );
  let answer = '';
  socket.on('data', (chunk) => (answer += chunk));
  await once(socket, 'close');
  return answer;
}

describe('/ws/echo', () => {
  it('echoes text unchanged, as text', async () => {
    const { base } = await startDemo();
    const ws = await connect(`ws://${base}/ws/echo`);
    ws.send('héllo <b>world</b>');
    const [data, isBinary] = await once(ws, 'message');
    expect(isBinary).toBe(false);
    expect(String(data)).toBe('héllo <b>world</b>');
    ws.close();
  });

  it('echoes binary unchanged, as binary', async () => {
    const { base } = await startDemo();
    const ws = await connect(`ws://${base}/ws/echo`);
    const payload = randomBytes(1000);
    ws.send(payload);
    const [data, isBinary] = await once(ws, 'message');
    expect(isBinary).toBe(true);
    expect(Buffer.compare(data as Buffer, payload)).toBe(0);
    ws.close();
  });

  it('echoes a message of exactly 64 KiB, the default limit', async () => {
    const { base } = await startDemo();
    const ws = await connect(`ws://${base}/ws/echo`);
    ws.send(Buffer.alloc(64 * 1024, 7));
    const [data] = await once(ws, 'message');
    expect((data as Buffer).length).toBe(64 * 1024);
    ws.close();
  });

  it('closes with 1009 when a message is over 64 KiB', async () => {
    const { base } = await startDemo();
    const ws = await connect(`ws://${base}/ws/echo`);
    ws.send(Buffer.alloc(64 * 1024 + 1));
    const [code] = await once(ws, 'close');
    expect(code).toBe(1009);
  });

  it('takes its size limit from DEMO_MAX_MESSAGE_BYTES', async () => {
    const { base } = await startDemo(optionsFromEnv({ DEMO_MAX_MESSAGE_BYTES: '1000' }));
    const ws = await connect(`ws://${base}/ws/echo`);
    ws.send('x'.repeat(1000));
    await once(ws, 'message');
    ws.send('x'.repeat(1001));
    const [code] = await once(ws, 'close');
    expect(code).toBe(1009);
  });

  it('keeps serving others after one client breaks the limit', async () => {
    const { base } = await startDemo();
    const bad = await connect(`ws://${base}/ws/echo`);
    const good = await connect(`ws://${base}/ws/echo`);
    bad.send(Buffer.alloc(70_000));
    await once(bad, 'close');
    good.send('still here');
    const [data] = await once(good, 'message');
    expect(String(data)).toBe('still here');
    good.close();
  });
});

describe('routing', () => {
  it('refuses an unknown /ws/ path with 404 and never upgrades', async () => {
    const { base } = await startDemo();
    const ws = new WebSocket(`ws://${base}/ws/nope`);
    const [, response] = await once(ws, 'unexpected-response');
    expect(response.statusCode).toBe(404);
    ws.on('error', () => {});
  });

  it('answers an unsupported version with 426 and "Sec-WebSocket-Version: 13" (RFC 6455 §4.2.2, §4.4)', async () => {
    const { base } = await startDemo();
    const ws = new WebSocket(`ws://${base}/ws/echo`, { protocolVersion: 8 });
    ws.on('error', () => {});
    const [, response] = await once(ws, 'unexpected-response');
    expect(response.statusCode).toBe(426);
    expect(response.headers['sec-websocket-version']).toBe('13');
  });

  it('answers a missing version with 400, naming the rule', async () => {
    const { base } = await startDemo();
    const response = await rawHandshake(base, ['Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==']);
    expect(response).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(response).toContain('no Sec-WebSocket-Version header field');
  });

  it('answers /healthz with 200 while running', async () => {
    const { base } = await startDemo();
    const response = await fetch(`http://${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok\n');
  });

  it('answers a plain GET to an endpoint with 426 Upgrade Required', async () => {
    const { base } = await startDemo();
    const response = await fetch(`http://${base}/ws/echo`);
    expect(response.status).toBe(426);
    expect(response.headers.get('upgrade')).toBe('websocket');
  });

  it('leaves requests outside its paths to the host server', async () => {
    const { base } = await startDemo();
    expect((await fetch(`http://${base}/handshake/`)).status).toBe(418);
  });
});

describe('close()', () => {
  it('sends 1001 Going Away to every client and refuses new ones', async () => {
    const { base, demo } = await startDemo();
    const clients = await Promise.all([connect(`ws://${base}/ws/echo`), connect(`ws://${base}/ws/echo`)]);
    const closed = clients.map((ws) => once(ws, 'close'));
    await demo.close();
    for (const [code] of await Promise.all(closed)) expect(code).toBe(1001);
    expect((await fetch(`http://${base}/healthz`)).status).toBe(503);
    const late = new WebSocket(`ws://${base}/ws/echo`);
    const [, response] = await once(late, 'unexpected-response');
    expect(response.statusCode).toBe(503);
    late.on('error', () => {});
  });
});

describe('options', () => {
  it('has documented defaults', () => {
    expect(resolveOptions()).toEqual({
      maxMessageBytes: 65536,
      maxBufferedBytes: 1048576,
      closeGraceMs: 2000,
      shutdownTimeoutMs: 5000,
      inspectBudgetBytes: 4194304,
      labRequestsPerMinute: 60,
      chatMaxNicknameChars: 32,
      chatMaxMessageChars: 500,
      chatMessagesPerMinute: 60,
      chatMaxMembers: 100,
      raceMaxEvents: 200,
      raceMaxPayloadBytes: 16384,
      raceMaxConcurrentRuns: 4,
      raceMaxRunMs: 120000,
      troubleIdleCutMs: 5000,
      troubleDropAfterMs: 1500,
      troubleSplitDelayMs: 300,
      troubleMaxOpenPerIp: 3,
      troubleMaxSessionMs: 30000,
      maxConnectionsPerIp: 50,
      maxConnections: 10000,
      maxMessagesPerSecond: 100,
      maxFragmentsPerMessage: 128,
      handshakeTimeoutMs: 10000,
      idleTimeoutMs: 300000,
      heartbeatIntervalMs: 30000,
      maxHeaderBytes: 16384,
      maxHeaderCount: 100,
      allowedOrigins: [],
      trustedProxies: [],
      // Vitest sets VITEST, which keeps the logs quiet; npm start's default is 'info'.
      logLevel: 'silent',
    });
  });

  it('rejects nonsense with a sentence naming the option', () => {
    expect(() => resolveOptions({ maxMessageBytes: 10 })).toThrow(
      new TypeError('The option maxMessageBytes must be a whole number of at least 125, but it is 10.'),
    );
    expect(() => optionsFromEnv({ DEMO_MAX_MESSAGE_BYTES: 'lots' })).toThrow(TypeError);
    expect(() => optionsFromEnv({ DEMO_MAX_MESSAGE_BYTES: 'lots' })).toThrow(/DEMO_MAX_MESSAGE_BYTES must be a number/);
  });
});
