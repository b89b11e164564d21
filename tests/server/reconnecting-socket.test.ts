// examples/production/reconnecting-socket.js against real servers that drop and refuse connections, on Node's own
// global WebSocket (the browser's API). Random numbers are injected and timer delays recorded, so delays are exact.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { backoffDelay, ReconnectingSocket } from '../../examples/production/reconnecting-socket.js';

const servers: WebSocketServer[] = [];
const clients: ReconnectingSocket[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const server of servers.splice(0)) {
    for (const socket of server.clients) socket.terminate();
    await new Promise((resolve) => server.close(resolve));
  }
});

interface FlakyServer {
  url: string;
  /** Handshakes seen, refused ones included. */
  handshakes: () => number;
  /** Refuse (with 503) this many handshakes from now on. */
  refuseNext: (count: number) => void;
  /** Connections accepted so far, in order. */
  accepted: ServerSocket[];
}

/**
 * An echo server on port 0. With `dropAfterEcho`, it cuts every connection without a Close frame right after echoing
 * its first message: a schedule tied to events rather than a clock, so a slow machine cannot reorder it.
 */
async function startFlakyServer({ dropAfterEcho = false } = {}): Promise<FlakyServer> {
  let handshakes = 0;
  let refusals = 0;
  const server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    verifyClient: (_info, done) => {
      handshakes++;
      if (refusals > 0) {
        refusals--;
        done(false, 503);
      } else done(true);
    },
  });
  servers.push(server);
  await once(server, 'listening');
  const accepted: ServerSocket[] = [];
  server.on('connection', (socket) => {
    accepted.push(socket);
    socket.on('message', (data, isBinary) =>
      socket.send(data, { binary: isBinary }, () => {
        if (dropAfterEcho) socket.terminate();
      }),
    );
  });
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    handshakes: () => handshakes,
    refuseNext: (count) => (refusals = count),
    accepted,
  };
}

/** A client with small delays whose timers are real but recorded, and whose random numbers come from `randoms`. */
function connect(url: string, randoms: number[] = [0.5], options: { baseDelayMs?: number; maxDelayMs?: number } = {}) {
  const timerDelays: number[] = [];
  let next = 0;
  const client = new ReconnectingSocket(url, {
    baseDelayMs: options.baseDelayMs ?? 20,
    maxDelayMs: options.maxDelayMs ?? 160,
    random: () => randoms[next++ % randoms.length]!,
    setTimer: (callback: () => void, ms: number) => {
      timerDelays.push(ms);
      return setTimeout(callback, ms);
    },
  });
  clients.push(client);
  const announced: { attempt: number; delayMs: number }[] = [];
  client.addEventListener('reconnecting', (event) => announced.push((event as CustomEvent).detail));
  return { client, timerDelays, announced };
}

const nextEvent = (client: ReconnectingSocket, type: string) => once(client, type) as Promise<[Event]>;

describe('backoffDelay', () => {
  it('is random below a ceiling that doubles from baseDelayMs and stops at maxDelayMs', () => {
    const options = { baseDelayMs: 1000, maxDelayMs: 30_000 };
    const ceilings = [0, 1, 2, 3, 4, 5, 6, 20].map((attempt) => backoffDelay(attempt, { ...options, random: () => 0.999999 }));
    expect(ceilings).toEqual([999, 1999, 3999, 7999, 15999, 29999, 29999, 29999]);
    expect(backoffDelay(3, { ...options, random: () => 0 })).toBe(0);
    expect(backoffDelay(3, { ...options, random: () => 0.25 })).toBe(2000);
  });
});

describe('ReconnectingSocket (examples/production/reconnecting-socket.js)', () => {
  it('reconnects each time the server drops it, and each new connection works', async () => {
    const server = await startFlakyServer({ dropAfterEcho: true });
    const { client, announced } = connect(server.url);
    for (let connection = 1; connection <= 3; connection++) {
      await nextEvent(client, 'open');
      expect(client.send(`hello ${connection}`)).toBe(true);
      const [message] = await nextEvent(client, 'message');
      expect((message as MessageEvent).data).toBe(`hello ${connection}`);
      const [closed] = await nextEvent(client, 'close');
      // Cut without a Close frame: abnormal closure.
      expect((closed as CloseEvent).code).toBe(1006);
      expect(client.send('lost')).toBe(false);
    }
    expect(server.accepted).toHaveLength(3);
    // Every connection opened, so every loss starts again from attempt 0: a random time below baseDelayMs.
    expect(announced).toEqual([
      { attempt: 0, delayMs: 10 },
      { attempt: 0, delayMs: 10 },
      { attempt: 0, delayMs: 10 },
    ]);
  });

  it('waits longer after each refused attempt, by a jittered delay under a doubling ceiling capped at maxDelayMs', async () => {
    const server = await startFlakyServer();
    server.refuseNext(6);
    const randoms = [0.5, 0.9, 0.25, 0.999, 0.1, 0.75, 0.5];
    const { client, announced, timerDelays } = connect(server.url, randoms, { baseDelayMs: 10, maxDelayMs: 80 });
    await nextEvent(client, 'open');
    expect(server.handshakes()).toBe(7);
    // Ceilings 10, 20, 40, 80, then 80 (truncated), each times the random number: the delays the timers were set to.
    const expected = [5, 18, 10, 79, 8, 60];
    expect(announced.map(({ attempt, delayMs }) => [attempt, delayMs])).toEqual(expected.map((delay, attempt) => [attempt, delay]));
    expect(timerDelays).toEqual(expected);

    // Open again, so the count starts over: the next loss waits under baseDelayMs.
    server.accepted[0]!.terminate();
    await nextEvent(client, 'reconnecting');
    expect(announced.at(-1)).toEqual({ attempt: 0, delayMs: 5 });
  });

  it('applies jitter: clients that lose the same server spread their reconnections out', async () => {
    const server = await startFlakyServer();
    const a = connect(server.url, [0.1]);
    const b = connect(server.url, [0.8]);
    await Promise.all([nextEvent(a.client, 'open'), nextEvent(b.client, 'open')]);
    for (const socket of server.accepted) socket.terminate();
    await Promise.all([nextEvent(a.client, 'open'), nextEvent(b.client, 'open')]);
    expect([a.timerDelays, b.timerDelays]).toEqual([[2], [16]]);
  });

  it('does not reconnect after close(), nor when close() comes during the wait', async () => {
    const server = await startFlakyServer();
    const { client, announced } = connect(server.url);
    await nextEvent(client, 'open');
    client.close(1000, 'done');
    const [closed] = await nextEvent(client, 'close');
    expect((closed as CloseEvent).code).toBe(1000);
    expect((closed as CloseEvent).wasClean).toBe(true);
    // `reconnecting` would have been dispatched from inside the close handler, before the close event resolved.
    expect(announced).toEqual([]);

    // Closed while waiting to reconnect: the pending timer is cleared, so no new handshake ever comes.
    const cleared: unknown[] = [];
    const waiting = new ReconnectingSocket(server.url, {
      baseDelayMs: 20,
      random: () => 0.5,
      setTimer: (callback: () => void, ms: number) => setTimeout(callback, ms),
      clearTimer: (timer: unknown) => {
        cleared.push(timer);
        clearTimeout(timer as ReturnType<typeof setTimeout>);
      },
    });
    clients.push(waiting);
    await nextEvent(waiting, 'open');
    const handshakesBefore = server.handshakes();
    server.accepted.at(-1)!.terminate();
    await nextEvent(waiting, 'reconnecting');
    waiting.close();
    expect(cleared).toHaveLength(1);
    // Absence takes time to show: wait well past the 10 ms delay that was pending.
    await new Promise((resolve) => setTimeout(resolve, 60));
    // A second server connection would need a handshake; a fresh client's handshake proves the server still answers.
    const probe = connect(server.url);
    await nextEvent(probe.client, 'open');
    expect(server.handshakes()).toBe(handshakesBefore + 1);
  });
});
