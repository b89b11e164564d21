// The transport race over real sockets: the server's byte counts must equal what a raw client counted on its own socket.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startDemo } from './demo-harness.ts';
import { CountingClient } from './race-wire-client.ts';
import type { LegReport } from '../../src/lib/race-messages.ts';

const SMALL = 'events=5&intervalMs=20&payloadBytes=40&pollMs=50';

/** Control requests on a connection of their own, so they never mix with what is being counted. */
async function control(
  base: string,
  path: string,
  method = 'GET',
): Promise<{ status: number; json: any; headers: Record<string, string> }> {
  const client = await CountingClient.open(base);
  const response = await client.request(path, method);
  client.socket.destroy();
  return { status: response.status, json: JSON.parse(response.body), headers: response.headers };
}

async function startRun(base: string, query = SMALL): Promise<string> {
  const { status, json } = await control(base, `/race/runs?${query}`, 'POST');
  expect(status).toBe(201);
  return json.run as string;
}

/** Counts only the bytes of one exchange on a connection that may carry others. */
async function counted<T>(client: CountingClient, tally: { up: number; down: number }, exchange: () => Promise<T>): Promise<T> {
  const [written, read] = [client.written, client.read];
  const result = await exchange();
  tally.up += client.written - written;
  tally.down += client.read - read;
  return result;
}

async function pollUntilDone(
  client: CountingClient,
  path: string,
  run: string,
  tally: { up: number; down: number; requests: number },
): Promise<number[]> {
  const seen: number[] = [];
  for (;;) {
    const response = await counted(client, tally, () => client.request(`${path}?run=${run}&after=${seen.length}`));
    tally.requests += 1;
    const { events, done } = JSON.parse(response.body) as { events: { seq: number }[]; done: boolean };
    seen.push(...events.map((e) => e.seq));
    if (done) return seen;
    // Noise between race requests on the same keep-alive connection, which the server must not charge to the race.
    await client.request('/healthz');
    if (path.endsWith('short-poll')) await sleep(50);
  }
}

describe('/race byte accounting', () => {
  it('counts exactly the bytes a raw client wrote and read, for every transport', async () => {
    const { base } = await startDemo();
    const run = await startRun(base);
    const expected: Record<string, { up: number; down: number; requests: number }> = {};

    // Short and long polling share keep-alive connections with /healthz requests in between.
    for (const transport of ['short-poll', 'long-poll']) {
      const client = await CountingClient.open(base);
      await client.request('/healthz');
      const tally = { up: 0, down: 0, requests: 0 };
      expect(await pollUntilDone(client, `/race/${transport}`, run, tally)).toEqual([1, 2, 3, 4, 5]);
      expected[transport] = tally;
      client.socket.destroy();
    }

    // SSE: one request, read until the end event, then the client hangs up as EventSource.close() does.
    const sse = await CountingClient.open(base);
    sse.write(`GET /race/sse?run=${run} HTTP/1.1\r\nHost: ${base}\r\nAccept: text/event-stream\r\n\r\n`);
    const head = await sse.readHead();
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head).toContain('Transfer-Encoding: chunked');
    const stream = await sse.readStreamUntil('event: end\ndata: 5\n\n');
    expect(stream.match(/^id: \d+$/gm)).toHaveLength(5);
    sse.socket.destroy();
    expected['sse'] = { up: sse.written, down: sse.read, requests: 1 };

    // WebSocket: the upgrade, five text frames and the end message, then the close handshake.
    const ws = await CountingClient.open(base);
    ws.write(
      [
        `GET /ws/race?run=${run} HTTP/1.1`,
        `Host: ${base}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version: 13',
        '',
        '',
      ].join('\r\n'),
    );
    expect(await ws.readHead()).toMatch(/^HTTP\/1\.1 101 /);
    const messages: string[] = [];
    for (;;) {
      const frame = await ws.readFrame();
      messages.push(frame.payload.toString('utf8'));
      if (messages.at(-1)!.startsWith('{"end"')) break;
    }
    expect(messages.map((m) => JSON.parse(m).seq)).toEqual([1, 2, 3, 4, 5, undefined]);
    ws.sendClose();
    expect((await ws.readFrame()).opcode).toBe(0x8);
    await ws.closed();
    expected['websocket'] = { up: ws.written, down: ws.read, requests: 1 };

    const { status, json } = await control(base, `/race/runs/${run}`);
    expect(status).toBe(200);
    expect(json.measuredOn).toBe('HTTP/1.1 on this connection, no TLS');
    const legs = json.legs as LegReport[];
    expect(legs.map((l) => l.transport)).toEqual(['short-poll', 'long-poll', 'sse', 'websocket']);
    for (const leg of legs) {
      const client = expected[leg.transport]!;
      expect(leg, leg.transport).toMatchObject({
        eventsSent: 5,
        requests: client.requests,
        connections: 1,
        bytesUp: client.up,
        bytesDown: client.down,
        exact: true,
        settled: true,
      });
    }
    // The frame header of a 6-byte "Close" with code 1000: 2 bytes, plus 4 of masking key up (§5.2).
    expect(legs[3]!.bytesUp).toBeGreaterThan(6 + 2);
  });

  it('ends the run after the report, so its id is refused', async () => {
    const { base } = await startDemo();
    const run = await startRun(base);
    await control(base, `/race/runs/${run}`);
    const { status, json } = await control(base, `/race/short-poll?run=${run}`);
    expect(status).toBe(404);
    expect(json.error.code).toBe('DEMO_ERR_RACE_UNKNOWN_RUN');
  });
});

describe('/race refusals', () => {
  it('refuses a parameter out of range with 400, naming the rule', async () => {
    const { base } = await startDemo();
    const { status, json, headers } = await control(base, '/race/runs?events=0&intervalMs=20&payloadBytes=40&pollMs=50', 'POST');
    expect(status).toBe(400);
    expect(headers['content-type']).toBe('application/json');
    expect(json.error).toEqual({
      code: 'DEMO_ERR_RACE_BAD_PARAMETER',
      message: '"events" must be a whole number from 1 to 200, and it is "0".',
    });
    const missing = await control(base, '/race/runs?events=5', 'POST');
    expect(missing.json.error.message).toBe('"intervalMs" must be a whole number from 10 to 5000, and it is missing.');
  });

  it('takes its limits from the options, and refuses a race too long to fit', async () => {
    const { base } = await startDemo({ raceMaxEvents: 10, raceMaxPayloadBytes: 100, raceMaxRunMs: 5000 });
    const tooBig = await control(base, '/race/runs?events=5&intervalMs=20&payloadBytes=101&pollMs=50', 'POST');
    expect(tooBig.json.error.message).toBe('"payloadBytes" must be a whole number from 0 to 100, and it is "101".');
    const tooLong = await control(base, '/race/runs?events=10&intervalMs=200&payloadBytes=10&pollMs=50', 'POST');
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.error.message).toBe(
      'A race must fit in 5000 ms: 4 × (events × intervalMs + pollMs) is 8200 ms here. Use fewer events or a shorter interval.',
    );
  });

  it('runs at most raceMaxConcurrentRuns races at once, and says so with 503', async () => {
    const { base } = await startDemo({ raceMaxConcurrentRuns: 1 });
    await startRun(base);
    const { status, json, headers } = await control(base, `/race/runs?${SMALL}`, 'POST');
    expect(status).toBe(503);
    expect(headers['retry-after']).toBe('5');
    expect(json.error.code).toBe('DEMO_ERR_RACE_BUSY');
  });

  it('answers the wrong method with 405 and an unknown path with 404', async () => {
    const { base } = await startDemo();
    const wrongMethod = await control(base, `/race/runs?${SMALL}`, 'GET');
    expect([wrongMethod.status, wrongMethod.headers['allow'], wrongMethod.json.error.code]).toEqual([405, 'POST', 'DEMO_ERR_RACE_METHOD']);
    const unknown = await control(base, '/race/nowhere');
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 'DEMO_ERR_RACE_NOT_FOUND']);
  });

  it('closes a WebSocket that names no run with 1008', async () => {
    const { base } = await startDemo();
    const ws = await CountingClient.open(base);
    ws.write(
      `GET /ws/race?run=nope HTTP/1.1\r\nHost: ${base}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    await ws.readHead();
    const close = await ws.readFrame();
    expect(close.opcode).toBe(0x8);
    expect(close.payload.readUInt16BE(0)).toBe(1008);
    ws.socket.destroy();
  });

  it('ends a race that outlives raceMaxRunMs, answering its open long poll', async () => {
    const { base } = await startDemo({ raceMaxRunMs: 1000 });
    const run = await startRun(base, 'events=2&intervalMs=100&payloadBytes=1&pollMs=50');
    const client = await CountingClient.open(base);
    // Takes both events, then waits in a long poll that only the run's end can answer.
    await client.request(`/race/long-poll?run=${run}&after=0`);
    await client.request(`/race/long-poll?run=${run}&after=1`);
    const held = await client.request(`/race/long-poll?run=${run}&after=2`);
    expect(JSON.parse(held.body)).toEqual({ events: [], done: true });
    client.socket.destroy();
  });
});
