// /ws/trouble over real sockets: each symptom happens exactly as its troubleshooting page says, within its own limits.
import { once } from 'node:events';
import { connect as tcpConnect } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startDemo } from './demo-harness.ts';
import { computeAccept } from '../../src/lib/protocol/index.ts';
import { DEMO_ERRORS } from '../../server/demo-errors.ts';
import { mergedMessages } from '../../server/trouble/merged.ts';
import { PRETEND_ALLOWED_ORIGIN } from '../../server/trouble/foreign-origin.ts';

const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

/** A ws client on one symptom, with every message, the close and the time of each. */
async function troubleClient(base: string, symptom: string, options: WebSocket.ClientOptions = {}) {
  // Before the handshake, so it is never later than the server's accept, however late 'open' is handled under load.
  const startedAt = Date.now();
  const ws = new WebSocket(`ws://${base}/ws/trouble?symptom=${symptom}`, options);
  const messages: string[] = [];
  ws.on('message', (data) => messages.push(String(data)));
  const closed = once(ws, 'close').then(([code, reason]) => ({ code: code as number, reason: String(reason), at: Date.now() }));
  await once(ws, 'open');
  return { ws, messages, closed, startedAt };
}

/** The raw HTTP answer to an opening handshake for `symptom`, read until the server ends the connection. */
async function rawAnswer(base: string, symptom: string, extraHeaders = ''): Promise<string> {
  const [host, port] = base.split(':');
  const socket = tcpConnect(Number(port), host);
  await once(socket, 'connect');
  socket.write(
    `GET /ws/trouble?symptom=${symptom} HTTP/1.1\r\nHost: ${base}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n${extraHeaders}\r\n`,
  );
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  await once(socket, 'close');
  return received;
}

/** What a ws client's failed handshake reports: ws's 'unexpected-response' status, or its error message. */
async function failedHandshake(base: string, symptom: string, options: WebSocket.ClientOptions = {}): Promise<string> {
  const ws = new WebSocket(`ws://${base}/ws/trouble?symptom=${symptom}`, options);
  const [error] = (await once(ws, 'error').catch((e: unknown) => [e])) as [Error];
  return error.message;
}

describe('/ws/trouble', () => {
  it('refuses a missing or unknown symptom with 400, naming every symptom it has', async () => {
    const { base } = await startDemo();
    for (const query of ['', 'nonsense']) {
      const answer = await rawAnswer(base, query);
      expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(answer).toContain('Ask /ws/trouble for one symptom with ?symptom=, one of: drop, idle-cut,');
    }
    expect(DEMO_ERRORS.DEMO_ERR_TROUBLE_UNKNOWN_SYMPTOM).toEqual({ status: 400, when: 'handshake' });
  });

  it('drop: cuts the TCP connection without a Close frame after troubleDropAfterMs, so the client sees 1006', async () => {
    const { base } = await startDemo({ troubleDropAfterMs: 200 });
    const client = await troubleClient(base, 'drop');
    const closed = await client.closed;
    expect(closed.code).toBe(1006);
    expect(closed.at - client.startedAt).toBeGreaterThanOrEqual(150);
    expect(client.messages).toEqual(['Open. In 200 ms the server cuts the TCP connection without sending a Close frame.']);
  });

  it('idle-cut: cuts the connection once the server has sent nothing for troubleIdleCutMs', async () => {
    const { base } = await startDemo({ troubleIdleCutMs: 600 });
    const client = await troubleClient(base, 'idle-cut');
    const closed = await client.closed;
    expect(closed.code).toBe(1006);
    expect(closed.at - client.startedAt).toBeGreaterThanOrEqual(550);
    // Generous: timers run late on a loaded machine, and a cut from anything else would come at once or never.
    expect(closed.at - client.startedAt).toBeLessThan(6000);
  });

  it('idle-cut: a message the client sends comes back, and that restarts the clock', async () => {
    const { base } = await startDemo({ troubleIdleCutMs: 600 });
    const client = await troubleClient(base, 'idle-cut');
    const heartbeat = setInterval(() => client.ws.send('heartbeat'), 200);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
    clearInterval(heartbeat);
    expect((await client.closed).code).toBe(1006);
    expect(client.messages.filter((m) => m === 'heartbeat').length).toBeGreaterThanOrEqual(5);
  });

  it('idle-cut-heartbeat: server pings keep the same cut from happening, until troubleMaxSessionMs closes with 1000', async () => {
    const { base } = await startDemo({ troubleIdleCutMs: 600, troubleMaxSessionMs: 2000 });
    const client = await troubleClient(base, 'idle-cut-heartbeat');
    let pings = 0;
    client.ws.on('ping', () => pings++);
    const closed = await client.closed;
    expect(closed.code).toBe(1000);
    expect(closed.reason).toBe('DEMO_ERR_TROUBLE_SESSION_OVER: A /ws/trouble connection lasts at most 2000 ms.');
    expect(closed.at - client.startedAt).toBeGreaterThanOrEqual(1900);
    expect(pings).toBeGreaterThanOrEqual(8);
    expect(client.messages[0]).toContain('the server pings every 200 ms');
  });

  it.each([
    [200, 'OK', 'text/html; charset=utf-8'],
    [400, 'Bad Request', 'text/plain; charset=utf-8'],
    [404, 'Not Found', 'text/plain; charset=utf-8'],
  ])('status-%i: answers the upgrade with "%s" and no Upgrade header', async (status, text, type) => {
    const { base } = await startDemo();
    const answer = await rawAnswer(base, `status-${status}`);
    expect(answer).toMatch(new RegExp(`^HTTP/1\\.1 ${status} ${text}\\r\\n`));
    expect(answer).toContain(`Content-Type: ${type}\r\n`);
    expect(answer).not.toMatch(/^Upgrade:/im);
    expect(await failedHandshake(base, `status-${status}`)).toBe(`Unexpected server response: ${status}`);
  });

  it('missing-upgrade: a 101 with the right Accept but no Upgrade or Connection, which a client must fail (§4.1)', async () => {
    const { base } = await startDemo();
    const answer = await rawAnswer(base, 'missing-upgrade');
    expect(answer).toBe(`HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Accept: ${await computeAccept(KEY)}\r\n\r\n`);
    // Node's HTTP client takes a 101 without Upgrade for an ordinary response, so ws reports the status.
    expect(await failedHandshake(base, 'missing-upgrade')).toBe('Unexpected server response: 101');
  });

  it('proxy-dropped-upgrade: answers 426 with the very text the demo server gives a plain GET of a WebSocket path', async () => {
    const { base } = await startDemo();
    const answer = await rawAnswer(base, 'proxy-dropped-upgrade');
    expect(answer).toMatch(/^HTTP\/1\.1 426 Upgrade Required\r\n/);
    expect(answer).toContain('\r\nUpgrade: websocket\r\n');
    expect(answer.endsWith('\r\n\r\n/ws/trouble speaks WebSocket only: connect with new WebSocket(url).\n')).toBe(true);
    const plain = await fetch(`http://${base}/ws/trouble`);
    expect(plain.status).toBe(426);
    expect(await plain.text()).toBe('/ws/trouble speaks WebSocket only: connect with new WebSocket(url).\n');
  });

  it("foreign-origin: refuses with the demo server's 403, naming the origin it allows and the page's", async () => {
    const { base } = await startDemo();
    const answer = await rawAnswer(base, 'foreign-origin', `Origin: http://${base}\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(answer).toContain(`allows only pages from ${PRETEND_ALLOWED_ORIGIN}, and this page's Origin is "http://${base}"`);
  });

  it('merged: the client gets five whole messages, whichever way the TCP writes cut them', async () => {
    const { base } = await startDemo({ troubleSplitDelayMs: 100 });
    const client = await troubleClient(base, 'merged');
    const closed = await client.closed;
    expect(client.messages).toEqual(mergedMessages(100));
    expect(closed).toMatchObject({ code: 1000, reason: 'All 5 messages sent' });
  });

  it('merged: three frames arrive in one TCP read, and the split frame in three reads at least 100 ms apart', async () => {
    const { base } = await startDemo({ troubleSplitDelayMs: 100 });
    const [host, port] = base.split(':');
    const socket = tcpConnect(Number(port), host);
    await once(socket, 'connect');
    socket.write(
      `GET /ws/trouble?symptom=merged HTTP/1.1\r\nHost: ${base}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    const reads: { at: number; bytes: Buffer }[] = [];
    socket.on('data', (bytes: Buffer) => reads.push({ at: Date.now(), bytes }));
    // The server's Close frame (0x88) ends the show; the test does not need to answer it.
    while (!reads.some((r) => r.bytes.includes(Buffer.from('All 5 messages sent')))) await once(socket, 'data');
    socket.destroy();
    const messages = mergedMessages(100);
    // The read that holds message 1 holds messages 2 and 3 as well: one write, one segment on loopback.
    const first = reads.find((r) => r.bytes.includes(messages[0]!));
    expect(first?.bytes.includes(messages[2]!)).toBe(true);
    const splitAt = reads.findIndex((r) => r.bytes.includes(messages[3]!.slice(-10)));
    const splitReads = reads.slice(splitAt - 2, splitAt + 1);
    expect(splitReads[2]!.at - splitReads[0]!.at).toBeGreaterThanOrEqual(180);
    expect(Buffer.concat(splitReads.map((r) => r.bytes)).includes(messages[3]!)).toBe(true);
  });

  it('fragments-cut: a message whose last fragment never comes is never delivered, and the close is 1006', async () => {
    const { base } = await startDemo({ troubleSplitDelayMs: 50 });
    const client = await troubleClient(base, 'fragments-cut');
    expect((await client.closed).code).toBe(1006);
    expect(client.messages).toEqual(['Open. Next: two fragments of a three-fragment message, then the server cuts the TCP connection.']);
  });

  it('too-many: holds troubleMaxOpenPerIp connections per address, refuses the next with 429, and frees a place on close', async () => {
    const { base } = await startDemo({ troubleMaxOpenPerIp: 2 });
    const first = await troubleClient(base, 'too-many');
    await troubleClient(base, 'too-many');
    expect(await failedHandshake(base, 'too-many')).toBe('Unexpected server response: 429');
    const refusal = await rawAnswer(base, 'too-many');
    expect(refusal).toContain('Your address already has 2 connections open to /ws/trouble?symptom=too-many, the most it allows.');
    first.ws.close();
    await first.closed;
    const third = await troubleClient(base, 'too-many');
    while (third.messages.length === 0) await once(third.ws, 'message');
    expect(third.messages).toEqual(['Open: connection 2 of the 2 this endpoint allows one address.']);
    // The other endpoints keep the server-wide cap, not this one.
    const echo = new WebSocket(`ws://${base}/ws/echo`);
    await once(echo, 'open');
    echo.close();
  });

  it("show-headers: reports the handshake's Origin and Fetch metadata, and whether a Cookie came", async () => {
    const { base } = await startDemo();
    const client = await troubleClient(base, 'show-headers', {
      origin: `http://${base}`,
      headers: { 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'websocket', 'Sec-Fetch-Dest': 'websocket', Cookie: 'a=1' },
    });
    expect((await client.closed).code).toBe(1000);
    expect(client.messages).toEqual([
      `The handshake carried origin: http://${base}; sec-fetch-site: same-origin; sec-fetch-mode: websocket; sec-fetch-dest: websocket; and a Cookie header (not shown). No Access-Control-* header was asked for or needed.`,
    ]);
  });

  it('keeps its limits in server/limits.ts, and the server keeps serving others after every symptom', async () => {
    const { base } = await startDemo({ troubleDropAfterMs: 0 });
    await (
      await troubleClient(base, 'drop')
    ).closed;
    const echo = new WebSocket(`ws://${base}/ws/echo`);
    await once(echo, 'open');
    echo.send('still here');
    const [reply] = await once(echo, 'message');
    expect(String(reply)).toBe('still here');
    echo.close();
  });
});
