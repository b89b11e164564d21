// examples/production/reconnecting-socket.js against real servers that drop and refuse connections, on Node's own
// global WebSocket (the browser's API). Random numbers and the clock are injected and timer delays recorded, so
// delays are exact.
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

interface ClientOptions {
  baseDelayMs?: number;
  maxDelayMs?: number;
  stableAfterMs?: number;
  now?: () => number;
  isPermanent?: (code: number) => boolean;
  createSocket?: (url: string, protocols: string | string[]) => WebSocket;
}

/** A client with small delays whose timers are real but recorded, and whose random numbers come from `randoms`. */
function connect(url: string, randoms: number[] = [0.5], options: ClientOptions = {}) {
  const timerDelays: number[] = [];
  let next = 0;
  const client = new ReconnectingSocket(url, {
    ...options,
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
  const stopped: Record<string, unknown>[] = [];
  client.addEventListener('stopped', (event) => stopped.push((event as CustomEvent).detail));
  return { client, timerDelays, announced, stopped };
}

/** A clock the test moves by hand, so "stayed open 30 s" takes no time. */
function manualClock() {
  let ms = 0;
  return { now: () => ms, advance: (by: number) => (ms += by) };
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
  it('reconnects each time the server drops it, and a connection dropped at once does not reset the delays', async () => {
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
    // Every connection opened, but none stayed up for stableAfterMs: a server that accepts and drops at once is not
    // back, so the ceiling keeps doubling (20, 40, 80) instead of sending every client back within baseDelayMs.
    expect(announced).toEqual([
      { attempt: 0, delayMs: 10 },
      { attempt: 1, delayMs: 20 },
      { attempt: 2, delayMs: 40 },
    ]);
  });

  it('waits longer after each refused attempt, by a jittered delay under a doubling ceiling capped at maxDelayMs', async () => {
    const server = await startFlakyServer();
    server.refuseNext(6);
    const randoms = [0.5, 0.9, 0.25, 0.999, 0.1, 0.75, 0.5];
    const clock = manualClock();
    const { client, announced, timerDelays } = connect(server.url, randoms, {
      baseDelayMs: 10,
      maxDelayMs: 80,
      stableAfterMs: 1000,
      now: clock.now,
    });
    await nextEvent(client, 'open');
    expect(server.handshakes()).toBe(7);
    // Ceilings 10, 20, 40, 80, then 80 (truncated), each times the random number: the delays the timers were set to.
    const expected = [5, 18, 10, 79, 8, 60];
    expect(announced.map(({ attempt, delayMs }) => [attempt, delayMs])).toEqual(expected.map((delay, attempt) => [attempt, delay]));
    expect(timerDelays).toEqual(expected);

    // Open again, and for stableAfterMs, so the count starts over: the next loss waits under baseDelayMs.
    clock.advance(1000);
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

  it.each([
    [1008, 'policy'],
    [4001, 'not authenticated'],
    [1002, 'protocol error'],
  ])('stops for good after a %i close, which a retry would only meet again, and says so', async (code, reason) => {
    const server = await startFlakyServer();
    const { client, announced, stopped } = connect(server.url);
    await nextEvent(client, 'open');
    const gaveUp = nextEvent(client, 'stopped');
    server.accepted[0]!.close(code, reason);
    const [closed] = await nextEvent(client, 'close');
    expect((closed as CloseEvent).code).toBe(code);
    await gaveUp;
    expect(stopped).toEqual([{ code, reason }]);
    expect(announced).toEqual([]);
    expect(server.handshakes()).toBe(1);
  });

  it('comes back after a 1001 from a restarting server, and lets the caller choose what is permanent', async () => {
    const server = await startFlakyServer();
    const { client, announced } = connect(server.url);
    await nextEvent(client, 'open');
    server.accepted[0]!.close(1001, 'restarting');
    await nextEvent(client, 'open');
    expect(announced).toEqual([{ attempt: 0, delayMs: 10 }]);

    // An application whose 4000 means "come back later" says so.
    const lenient = connect(server.url, [0.5], { isPermanent: (code) => code === 4003 });
    await nextEvent(lenient.client, 'open');
    server.accepted.at(-1)!.close(4000, 'busy');
    await nextEvent(lenient.client, 'open');
    expect(lenient.stopped).toEqual([]);
  });

  it('stops with an event, not in silence, when a new WebSocket throws inside the reconnect timer', async () => {
    const server = await startFlakyServer();
    let made = 0;
    const refusal = new DOMException('The operation is insecure.', 'SecurityError');
    const { client, stopped, timerDelays } = connect(server.url, [0.5], {
      // The first socket is real; the second constructor call throws, as a browser's does for a URL it refuses.
      createSocket: (url, protocols) => {
        if (made++ > 0) throw refusal;
        return new WebSocket(url, protocols);
      },
    });
    await nextEvent(client, 'open');
    server.accepted[0]!.terminate();
    const [event] = await nextEvent(client, 'stopped');
    expect((event as CustomEvent).detail).toEqual({ error: refusal });
    expect(stopped).toHaveLength(1);
    // No further attempt is scheduled.
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(timerDelays).toEqual([10]);
    expect(made).toBe(2);
  });

  it('throws to the caller when the very first WebSocket cannot be made', () => {
    // The WebSocket constructor's "SyntaxError" is a DOMException, so the test matches its name.
    let thrown: unknown;
    try {
      clients.push(new ReconnectingSocket('ws://[not-a-host'));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ name: 'SyntaxError' });
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
