import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { connect as connectTcp } from 'node:net';
import { spawn } from 'node:child_process';
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

describe('the log', () => {
  it('records why ws failed a connection, which its Close frame does not say (RFC 6455 §7.1.7)', async () => {
    // The demo server in a process of its own, since its logger writes JSON lines to stdout.
    const script = [
      "import { createServer } from 'node:http';",
      "import { createDemoServer } from './server/index.ts';",
      "const demo = createDemoServer({ logLevel: 'info' });",
      'const http = createServer((req, res) => demo.handleRequest(req, res) || res.writeHead(404).end());',
      'http.on("upgrade", (req, socket, head) => demo.handleUpgrade(req, socket, head) || socket.destroy());',
      "http.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: http.address().port })));",
    ].join('\n');
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const lines: Record<string, unknown>[] = [];
      let pending = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        pending += chunk;
        for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
          lines.push(JSON.parse(pending.slice(0, end)) as Record<string, unknown>);
          pending = pending.slice(end + 1);
        }
      });
      while (!lines.some((line) => 'port' in line)) await once(child.stdout!, 'data');
      const { port } = lines.find((line) => 'port' in line) as { port: number };
      const ws = await connect(`ws://127.0.0.1:${port}/ws/echo`);
      // A text frame whose payload is not UTF-8: ws closes with 1007, and the reason says nothing of why.
      ws.send(Buffer.from('ff', 'hex'), { binary: false });
      const [code] = (await once(ws, 'close')) as [number];
      expect(code).toBe(1007);
      while (!lines.some((line) => line.event === 'protocol-error')) await once(child.stdout!, 'data');
      expect(lines.find((line) => line.event === 'protocol-error')).toMatchObject({
        id: 1,
        endpoint: '/ws/echo',
        code: 'WS_ERR_INVALID_UTF8',
        msg: 'Invalid WebSocket frame: invalid UTF-8 sequence',
      });
    } finally {
      child.kill();
    }
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

  it('answers an unsupported version with 426, "Sec-WebSocket-Version: 13" and the Upgrade HTTP requires (RFC 6455 §4.4, RFC 9110 §15.5.22)', async () => {
    const { base } = await startDemo();
    const ws = new WebSocket(`ws://${base}/ws/echo`, { protocolVersion: 8 });
    ws.on('error', () => {});
    const [, response] = await once(ws, 'unexpected-response');
    expect(response.statusCode).toBe(426);
    expect(response.headers['sec-websocket-version']).toBe('13');
    expect(response.headers.upgrade).toBe('websocket');
    // RFC 9110 §7.8: a sender of Upgrade lists it in Connection; close, because the server ends the connection.
    expect(response.headers.connection).toBe('Upgrade, close');
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
      deflateMaxMessageBytes: 16384,
      deflateMaxWindowBits: 12,
      deflateMemLevel: 4,
      deflateMaxConnections: 200,
      labRequestsPerMinute: 60,
      chatMaxNicknameChars: 32,
      chatMaxMessageChars: 500,
      chatMessagesPerMinute: 60,
      chatMaxMembers: 100,
      chatHistory: 100,
      chatPresenceTtlMs: 6000,
      raceMaxEvents: 200,
      raceMaxPayloadBytes: 16384,
      raceMaxConcurrentRuns: 4,
      raceMaxRunMs: 120000,
      troubleIdleCutMs: 5000,
      troubleDropAfterMs: 1500,
      troubleSplitDelayMs: 300,
      troubleMaxOpenPerIp: 3,
      troubleMaxSessionMs: 30000,
      authSessionTtlMs: 1_800_000,
      authTicketTtlMs: 30_000,
      authTokenTtlMs: 600_000,
      authMaxCredentials: 10_000,
      authMaxCredentialsPerIp: 20,
      authFirstMessageTimeoutMs: 5000,
      mqttMaxConnections: 50,
      mqttMaxMessageBytes: 16384,
      mqttIdleTimeoutMs: 120_000,
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
      redisUrl: '',
      nodeName: '',
      offerStopNode: false,
      logLevel: 'silent',
      secondOrigin: false,
      mqttUrl: '',
      mqttBroker: false,
    });
  });

  it('rejects nonsense with a sentence naming the option', () => {
    expect(() => resolveOptions({ maxMessageBytes: 10 })).toThrow(
      new TypeError('The option maxMessageBytes must be a whole number of at least 125, but it is 10.'),
    );
    expect(() => resolveOptions({ deflateMaxWindowBits: 16 })).toThrow(
      new TypeError('The option deflateMaxWindowBits must be a whole number from 9 to 15, but it is 16.'),
    );
    expect(() => optionsFromEnv({ DEMO_MAX_MESSAGE_BYTES: 'lots' })).toThrow(TypeError);
    expect(() => optionsFromEnv({ DEMO_MAX_MESSAGE_BYTES: 'lots' })).toThrow(/DEMO_MAX_MESSAGE_BYTES must be a number/);
    expect(() => resolveOptions({ mqttUrl: 'http://127.0.0.1:1883' })).toThrow(/mqttUrl must be mqtt:\/\/host:port/);
    expect(() => resolveOptions({ mqttUrl: 'mqtt://127.0.0.1:1883', mqttBroker: true })).toThrow(/either mqttUrl .* or mqttBroker/);
    expect(() => optionsFromEnv({ DEMO_MQTT_BROKER: 'maybe' })).toThrow(/DEMO_MQTT_BROKER must be on or off/);
    expect(optionsFromEnv({ DEMO_MQTT_BROKER: 'off', DEMO_MQTT_URL: ' mqtt://10.0.0.2 ' })).toMatchObject({
      mqttBroker: false,
      mqttUrl: 'mqtt://10.0.0.2',
    });
  });
});
