// Runs every browser example shown in the chapters, as written, in Chromium and Firefox against the real demo server.
import { readFileSync } from 'node:fs';
import { expect, test, type Driver } from './journey.ts';
import { loadExample } from './load-example.ts';
import { FEATURE_CHECK, type BrowserSupport } from '../../scripts/record-browser-support.ts';

/** A page on the site's own origin, so the demo server's Origin check lets the examples in. */
async function pageWith(page: Driver, ...paths: string[]): Promise<string> {
  await page.goto('/');
  for (const path of paths) await loadExample(page, path);
  return new URL('/ws/echo', page.url()).href.replace('http:', 'ws:');
}

type Examples = Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>;

test('examples/browser-api/open-socket.js opens, reports the subprotocol ws chose, and rejects with 1006 when refused', async ({
  driver: page,
}) => {
  const echo = await pageWith(page, 'examples/browser-api/open-socket.js');
  const opened = await page.evaluate(async (url) => {
    const { openSocket } = (window as unknown as { examples: Examples }).examples['examples/browser-api/open-socket.js']!;
    const socket = (await openSocket!(url, ['chat.v2', 'chat.v1'])) as WebSocket;
    const result = { readyState: socket.readyState, protocol: socket.protocol, extensions: socket.extensions };
    socket.close();
    return result;
  }, echo);
  // ws, with no handleProtocols hook, takes the first subprotocol offered; the demo server declines every extension.
  expect(opened).toEqual({ readyState: 1, protocol: 'chat.v2', extensions: '' });

  const refused = await page.evaluate(async (url) => {
    const { openSocket } = (window as unknown as { examples: Examples }).examples['examples/browser-api/open-socket.js']!;
    return openSocket!(url.replace('/ws/echo', '/ws/no-such-endpoint')).then(
      () => 'opened',
      (error: Error) => error.message,
    );
  }, echo);
  expect(refused).toBe('closed before open: code 1006, wasClean false');
});

test('the error event of a refused handshake is a plain Event with no message', async ({ driver: page }) => {
  const echo = await pageWith(page);
  const error = await page.evaluate(async (url) => {
    const socket = new WebSocket(url.replace('/ws/echo', '/ws/no-such-endpoint'));
    const event = await new Promise<Event>((resolve) => socket.addEventListener('error', resolve));
    return { type: event.constructor.name, hasMessage: 'message' in event };
  }, echo);
  expect(error).toEqual({ type: 'Event', hasMessage: false });
});

test('examples/browser-api/send-every-kind.js: string, Blob, ArrayBuffer and a typed array come back as sent', async ({ driver: page }) => {
  const echo = await pageWith(page, 'examples/browser-api/open-socket.js', 'examples/browser-api/send-every-kind.js');
  const replies = await page.evaluate(async (url) => {
    const examples = (window as unknown as { examples: Examples }).examples;
    const socket = await examples['examples/browser-api/open-socket.js']!.openSocket!(url);
    const result = await examples['examples/browser-api/send-every-kind.js']!.echoEveryKind!(socket);
    (socket as WebSocket).close();
    return result;
  }, echo);
  // 'héllo' is 6 bytes on the wire (5 characters); the typed array sent only the 3 bytes it views.
  expect(replies).toEqual(['text 6', 'ArrayBuffer 3', 'ArrayBuffer 4', 'ArrayBuffer 3']);
});

test('examples/browser-api/send-with-backpressure.js keeps bufferedAmount near its limit and delivers every chunk', async ({
  driver: page,
}) => {
  const echo = await pageWith(page, 'examples/browser-api/open-socket.js', 'examples/browser-api/send-with-backpressure.js');
  const result = await page.evaluate(async (url) => {
    const examples = (window as unknown as { examples: Examples }).examples;
    const socket = (await examples['examples/browser-api/open-socket.js']!.openSocket!(url)) as WebSocket;
    let echoed = 0;
    const allBack = new Promise<void>((resolve) =>
      socket.addEventListener('message', () => {
        if (++echoed === 40) resolve();
      }),
    );
    // 40 chunks of 60 KiB: under the demo server's 64 KiB message limit and its 100-message burst.
    const chunks = Array.from({ length: 40 }, () => new Uint8Array(60 * 1024));
    const { peak } = (await examples['examples/browser-api/send-with-backpressure.js']!.sendWithBackpressure!(
      socket,
      chunks,
      256 * 1024,
    )) as { peak: number };
    await allBack;
    socket.close();
    return { peak, echoed };
  }, echo);
  expect(result.echoed).toBe(40);
  // Never more than the limit plus the chunk just queued.
  expect(result.peak).toBeLessThanOrEqual(256 * 1024 + 60 * 1024);
  expect(result.peak).toBeGreaterThanOrEqual(60 * 1024);
});

test('examples/browser-api/send-with-backpressure.js rejects on a closed socket instead of dropping chunks in silence', async ({
  driver: page,
}) => {
  const echo = await pageWith(page, 'examples/browser-api/open-socket.js', 'examples/browser-api/send-with-backpressure.js');
  const outcome = await page.evaluate(async (url) => {
    const examples = (window as unknown as { examples: Examples }).examples;
    const socket = (await examples['examples/browser-api/open-socket.js']!.openSocket!(url)) as WebSocket;
    socket.close();
    // Under the limit the old loop never looked at readyState, and send() on a closing socket throws nothing.
    const chunks = Array.from({ length: 3 }, () => new Uint8Array(1024));
    const sent = examples['examples/browser-api/send-with-backpressure.js']!.sendWithBackpressure!(socket, chunks, 1024 * 1024);
    return (sent as Promise<unknown>).then(
      () => 'resolved',
      (error: Error) => error.message,
    );
  }, echo);
  expect(outcome).toBe('the socket closed after 0 of 3 chunks were queued');
});

test('examples/browser-api/close-with-code.js closes cleanly with 4000, and refuses codes and reasons a page may not use', async ({
  driver: page,
}) => {
  const echo = await pageWith(page, 'examples/browser-api/open-socket.js', 'examples/browser-api/close-with-code.js');
  const outcome = await page.evaluate(async (url) => {
    const examples = (window as unknown as { examples: Examples }).examples;
    const { openSocket } = examples['examples/browser-api/open-socket.js']!;
    const { closeWithCode } = examples['examples/browser-api/close-with-code.js']!;
    const socket = (await openSocket!(url)) as WebSocket;
    const thrown = async (code: number, reason: string) => {
      try {
        await closeWithCode!(socket, code, reason);
        return 'no error';
      } catch (error) {
        return (error as DOMException).name;
      }
    };
    const refusals = {
      1001: await thrown(1001, ''),
      2000: await thrown(2000, ''),
      5000: await thrown(5000, ''),
      reason124: await thrown(1000, 'x'.repeat(124)),
      reason124Utf8: await thrown(1000, 'é'.repeat(62)),
    };
    const stillOpen = socket.readyState;
    const closed = await closeWithCode!(socket, 4000, 'done for today');
    // Once closed, no close event will ever come again, so the helper must refuse rather than wait forever.
    const again = await closeWithCode!(socket, 1000, '').then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    return { refusals, stillOpen, closed, again };
  }, echo);
  expect(outcome.refusals).toEqual({
    1001: 'InvalidAccessError',
    2000: 'InvalidAccessError',
    5000: 'InvalidAccessError',
    reason124: 'SyntaxError',
    reason124Utf8: 'SyntaxError',
  });
  expect(outcome.stillOpen).toBe(1);
  // The echo server answers the Close with the same code and reason (§5.5.1).
  expect(outcome.closed).toEqual({ code: 4000, reason: 'done for today', wasClean: true });
  expect(outcome.again).toBe('the socket is already closed');
});

test('examples/browser-api/websocket-stream.js echoes with WebSocketStream where the engine has it, and with WebSocket otherwise', async ({
  driver: page,
}) => {
  const echo = await pageWith(page, 'examples/browser-api/websocket-stream.js');
  const run = (hideStream: boolean) =>
    page.evaluate(
      async ({ url, hideStream }) => {
        const saved = (globalThis as Record<string, unknown>).WebSocketStream;
        if (hideStream) delete (globalThis as Record<string, unknown>).WebSocketStream;
        try {
          const { echoOnce } = (window as unknown as { examples: Examples }).examples['examples/browser-api/websocket-stream.js']!;
          return await echoOnce!(url, 'hello');
        } finally {
          if (hideStream && saved) (globalThis as Record<string, unknown>).WebSocketStream = saved;
        }
      },
      { url: echo, hideStream },
    );
  const hasStream = await page.evaluate(() => 'WebSocketStream' in globalThis);
  test.info().annotations.push({ type: 'WebSocketStream', description: `${hasStream ? 'present' : 'absent'} in ${page.engine}` });
  expect(await run(false)).toEqual({ api: hasStream ? 'WebSocketStream' : 'WebSocket', reply: 'hello' });
  expect(await run(true)).toEqual({ api: 'WebSocket', reply: 'hello' });
});

test('examples/myths/show-message.js shows echoed markup as text', async ({ driver: page }) => {
  const echo = await pageWith(page, 'examples/browser-api/open-socket.js', 'examples/myths/show-message.js');
  const shown = await page.evaluate(async (url) => {
    const examples = (window as unknown as { examples: Examples }).examples;
    const socket = (await examples['examples/browser-api/open-socket.js']!.openSocket!(url)) as WebSocket;
    const list = document.body.appendChild(document.createElement('ol'));
    const echoed = new Promise<string>((resolve) => socket.addEventListener('message', (event) => resolve(event.data)));
    socket.send('<img src=x onerror="window.__pwned=1"><b>bold</b>');
    const item = (await examples['examples/myths/show-message.js']!.showMessage!(list, await echoed)) as unknown as HTMLElement;
    socket.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { text: item.textContent, elements: item.children.length, pwned: (window as { __pwned?: number }).__pwned ?? null };
  }, echo);
  expect(shown).toEqual({ text: '<img src=x onerror="window.__pwned=1"><b>bold</b>', elements: 0, pwned: null });
});

test('examples/myths/messages.js: the read loop ends after a clean close, and throws, rather than spins, after a reset', async ({
  driver: page,
}) => {
  const echo = await pageWith(page, 'examples/browser-api/open-socket.js', 'examples/myths/messages.js');
  const outcome = await page.evaluate(async (url) => {
    const examples = (window as unknown as { examples: Examples }).examples;
    const { openSocket } = examples['examples/browser-api/open-socket.js']!;
    const messages = examples['examples/myths/messages.js']!.messages as unknown as (s: WebSocket) => AsyncIterable<string>;
    const read = async (socket: WebSocket, closeAfterFirst: boolean) => {
      const seen: string[] = [];
      try {
        for await (const message of messages(socket)) {
          seen.push(message);
          if (closeAfterFirst) socket.close(1000);
        }
        return { seen, ended: 'returned' };
      } catch (error) {
        return { seen, ended: (error as Error).message };
      }
    };
    const clean = (await openSocket!(url)) as WebSocket;
    clean.send('one');
    const afterClean = await read(clean, true);
    // /ws/lab drops the TCP connection without a Close frame when asked for a reset.
    const lab = (await openSocket!(url.replace('/ws/echo', '/ws/lab'))) as WebSocket;
    lab.send(JSON.stringify({ act: 'reset' }));
    const afterReset = await read(lab, false);
    return { afterClean, afterReset };
  }, echo);
  expect(outcome.afterClean).toEqual({ seen: ['one'], ended: 'returned' });
  expect(outcome.afterReset.ended).toBe('connection lost: code 1006');
});

test('examples/myths/messages.js lets go of the socket when the reader breaks out, and refuses a socket already closed', async ({
  driver: page,
}) => {
  const echo = await pageWith(page, 'examples/browser-api/open-socket.js', 'examples/myths/messages.js');
  const outcome = await page.evaluate(async (url) => {
    const examples = (window as unknown as { examples: Examples }).examples;
    const { openSocket } = examples['examples/browser-api/open-socket.js']!;
    const messages = examples['examples/myths/messages.js']!.messages as unknown as (s: WebSocket) => AsyncIterable<string>;
    const socket = (await openSocket!(url)) as WebSocket;
    // Record which listeners the loop takes off the socket.
    const removed: string[] = [];
    const remove = socket.removeEventListener.bind(socket);
    socket.removeEventListener = (type: string, listener: EventListenerOrEventListenerObject) => {
      removed.push(type);
      remove(type, listener);
    };
    socket.send('one');
    for await (const message of messages(socket)) if (message === 'one') break;
    const closed = new Promise((resolve) => socket.addEventListener('close', resolve));
    socket.close();
    await closed;
    const refused = await messages(socket)
      [Symbol.asyncIterator]()
      .next()
      .then(
        () => 'waited',
        (error: Error) => error.message,
      );
    return { removed, refused };
  }, echo);
  expect(outcome).toEqual({ removed: ['message', 'close'], refused: 'the socket is already closed' });
});

test('examples/comparisons/feature-detect.js finds in this engine what browser-compat-data says its version ships', async ({
  driver: page,
}) => {
  await pageWith(page, 'examples/comparisons/feature-detect.js');
  const available = await page.evaluate(() => {
    const { availableTransports } = (window as unknown as { examples: Examples }).examples['examples/comparisons/feature-detect.js']!;
    return availableTransports!() as unknown as Record<string, boolean>;
  }, undefined);
  // The comparisons page's table says, per engine, what this check finds: written from browser-compat-data's first
  // version for Chrome and Firefox against this engine's version. A disagreement is a table that is wrong here.
  const support = JSON.parse(readFileSync('src/data/browser-support.json', 'utf8')) as BrowserSupport;
  const promised = (id: string) => support.features.find((feature) => feature.id === id)!.observed![page.engine] === FEATURE_CHECK.present;
  expect(available).toEqual({ WebSocket: true, WebSocketStream: promised('websocketstream'), WebTransport: promised('webtransport') });
});
