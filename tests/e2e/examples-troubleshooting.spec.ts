// Runs every example shown on the troubleshooting pages, as written, in Chromium and Firefox against the real demo
// server's /ws/trouble.
import { mergedMessages } from '../../server/trouble/merged.ts';
import { expect, type Driver } from './journey.ts';
import { loadExample } from './load-example.ts';
import { TROUBLE_OPTIONS, troubleTest as test } from './troubleshooting-pages.ts';

// `test` runs npm start with short /ws/trouble timings: the idle cut comes after 1.5 s, not a reader's 5 s.

/** A page on the site's own origin with the example loaded; returns the trouble endpoint's URL for a symptom. */
async function pageWith(page: Driver, path: string): Promise<(symptom: string) => string> {
  await page.goto('/troubleshooting/');
  await loadExample(page, path);
  return (symptom) => new URL(`/ws/trouble?symptom=${symptom}`, page.url()).href.replace('http:', 'ws:');
}

type Examples = Record<string, Record<string, (...args: never[]) => unknown>>;

test('examples/troubleshooting/explain-close.js tells a cut after open from a failed handshake', async ({ driver: page }) => {
  const trouble = await pageWith(page, 'examples/troubleshooting/explain-close.js');
  const explain = (url: string) =>
    page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const { explainClose } = (window as unknown as { examples: Examples }).examples['examples/troubleshooting/explain-close.js']!;
          let opened = false;
          const socket = new WebSocket(url);
          socket.addEventListener('open', () => (opened = true));
          socket.addEventListener('close', (event) => resolve((explainClose as (e: CloseEvent, o: boolean) => string)(event, opened)));
        }),
      url,
    );
  expect(await explain(trouble('drop'))).toBe(
    "code 1006, wasClean false: the connection was cut without a Close frame. Look at the proxy's and the server's logs for this moment.",
  );
  expect(await explain(trouble('status-404'))).toBe(
    "code 1006, wasClean false: the handshake failed. Look at the Network panel's status line and at the server's log.",
  );
  expect(await explain(trouble('show-headers'))).toBe(
    'code 1000, wasClean true, reason "Headers reported": the peer closed with this code, cleanly.',
  );
});

test('examples/troubleshooting/app-heartbeat.js keeps a socket open through the idle cut that closes one without it', async ({
  driver: page,
}) => {
  const trouble = await pageWith(page, 'examples/troubleshooting/app-heartbeat.js');
  const cutMs = TROUBLE_OPTIONS.troubleIdleCutMs;
  const result = await page.evaluate(
    async ({ url, cutMs }) => {
      const { keepAlive } = (window as unknown as { examples: Examples }).examples['examples/troubleshooting/app-heartbeat.js']!;
      const open = (heartbeat: boolean) =>
        new Promise<WebSocket>((resolve) => {
          const socket = new WebSocket(url);
          socket.addEventListener('open', () => {
            // Three beats per timeout, as the demo server pings: each echo is a read from the upstream, so the clock restarts.
            if (heartbeat) (keepAlive as (s: WebSocket, o: object) => void)(socket, { everyMs: cutMs / 3, replyWithinMs: cutMs });
            resolve(socket);
          });
        });
      const [kept, quiet] = await Promise.all([open(true), open(false)]);
      const quietClose = new Promise<number>((resolve) => quiet.addEventListener('close', (event) => resolve(event.code)));
      await new Promise((resolve) => setTimeout(resolve, 2 * cutMs));
      const outcome = { kept: kept.readyState, quiet: quiet.readyState, quietCode: await quietClose };
      kept.close();
      return outcome;
    },
    { url: trouble('idle-cut'), cutMs },
  );
  expect(result).toEqual({ kept: 1, quiet: 3, quietCode: 1006 });
});

test('examples/troubleshooting/collect-messages.js gets the five messages whole, however they were written', async ({ driver: page }) => {
  const trouble = await pageWith(page, 'examples/troubleshooting/collect-messages.js');
  const result = await page.evaluate(async (url) => {
    const { collectMessages } = (window as unknown as { examples: Examples }).examples['examples/troubleshooting/collect-messages.js']!;
    return (collectMessages as (url: string) => Promise<unknown>)(url);
  }, trouble('merged'));
  expect(result).toEqual({ messages: mergedMessages(TROUBLE_OPTIONS.troubleSplitDelayMs), code: 1000, wasClean: true });
});

test('examples/troubleshooting/shared-socket.js gives five callers one socket, and the server sees one connection', async ({
  driver: page,
}) => {
  const trouble = await pageWith(page, 'examples/troubleshooting/shared-socket.js');
  const result = await page.evaluate(async (url) => {
    const { sharedSocket } = (window as unknown as { examples: Examples }).examples['examples/troubleshooting/shared-socket.js']!;
    const get = sharedSocket as (url: string) => WebSocket;
    const callers = Array.from({ length: 5 }, () => get(url));
    const first = await new Promise<string>((resolve) => callers[0]!.addEventListener('message', (event) => resolve(String(event.data))));
    const same = callers.every((socket) => socket === callers[0]);
    callers[0]!.close();
    await new Promise((resolve) => callers[0]!.addEventListener('close', resolve));
    // After a close, the next caller gets a fresh socket.
    const fresh = get(url);
    const freshIsNew = fresh !== callers[0];
    fresh.close();
    return { first, same, freshIsNew };
  }, trouble('too-many'));
  expect(result).toEqual({
    first: `Open: connection 1 of the ${TROUBLE_OPTIONS.troubleMaxOpenPerIp} this endpoint allows one address.`,
    same: true,
    freshIsNew: true,
  });
  expect(await page.sockets()).toHaveLength(2);
});
