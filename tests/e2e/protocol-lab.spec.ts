// The protocol lab, used as a reader would. ws's own Receiver judges the server's bytes shown on the page, and the
// browser's events are recorded as Chromium reports them: these are the observations the chapter cites.
import { wsReceive } from '../unit/protocol/ws-oracle.ts';
import { expect, test, type Driver, type Locator } from './journey.ts';
import { startSite } from './site-fixture.ts';
import { PROTOCOL_LAB_TEXT } from '../../src/components/protocol-lab-text.ts';
import { SEQUENCES } from '../../src/components/sequence-diagram-text.ts';

const widget = (page: Driver) => page.getByRole('region', { name: 'Protocol lab' });
const timeline = (page: Driver) => widget(page).getByRole('table', { name: /^Timeline/ });
const browserEvents = (page: Driver) => timeline(page).locator('tr[data-side="browser"] td:last-child');

async function connect(page: Driver): Promise<void> {
  await page.goto('/closing/');
  // The reader connects to the lab.
  await widget(page).getByRole('button', { name: 'Connect to the lab' }).click();
  await expect(browserEvents(page)).toHaveText(['open']);
}

/** The bytes of an annotated frame on the page, read back from its segments. */
async function frameBytes(figure: Locator): Promise<Uint8Array> {
  // allTextContents() does not wait, and the server's announcement may still be on its way.
  await expect(figure.locator('.segment-hex').first()).toBeVisible();
  const segments = await figure.locator('.segment-hex').allTextContents();
  return Uint8Array.from(segments.join(' ').trim().split(/\s+/), (pair) => parseInt(pair, 16));
}

async function expectBrowserEvents(page: Driver, events: (string | RegExp)[]): Promise<void> {
  await expect(browserEvents(page)).toHaveText(events);
}

test('connects only when the reader asks, and acts only when connected', async ({ driver: page }) => {
  await page.goto('/closing/');
  await expect(widget(page).getByRole('button', { name: 'Send a Ping' })).toBeDisabled();
  expect(await page.sockets()).toEqual([]);
  // The reader reaches Connect by keyboard.
  await widget(page).getByRole('button', { name: 'Connect to the lab' }).focus();
  await page.keyboard.press('Enter');
  await expect(widget(page).getByRole('button', { name: 'Send a Ping' })).toBeEnabled();
  expect(await page.sockets()).toEqual([new URL('/ws/lab', page.url()).href.replace('http:', 'ws:')]);
});

test("ping: the page sees no event, and the server shows the browser's masked Pong", async ({ driver: page }) => {
  await connect(page);
  await widget(page).getByRole('button', { name: 'Send a Ping' }).click();
  const pong = timeline(page).getByRole('figure', { name: /automatic Pong/ });
  await expect(pong).toBeVisible();
  // ws, acting as the server, reads the browser's Pong: it echoes the Ping's payload.
  const ping = await frameBytes(timeline(page).getByRole('figure', { name: /^Ping/ }));
  const reception = await wsReceive(await frameBytes(pong), 'client');
  expect(reception).toEqual({ events: [{ kind: 'pong', hex: Buffer.from(ping.subarray(2)).toString('hex') }], failedWith: null });
  await expectBrowserEvents(page, ['open']);
});

test('fragments: N frames on the wire, one message event', async ({ driver: page }) => {
  await connect(page);
  // The reader asks for five fragments.
  await widget(page)
    .getByLabel(/Number of fragments/)
    .fill('5');
  await widget(page).getByRole('button', { name: 'Send one message in fragments' }).click();
  await expect(timeline(page).getByRole('figure', { name: /^Fragment \d of 5/ })).toHaveCount(5);
  await expectBrowserEvents(page, ['open', 'message: text (48 bytes) "One message, sent in fragments (RFC 6455 §5.4)."']);
});

test('close with a code and reason: a clean close with both', async ({ driver: page }) => {
  await connect(page);
  // The reader picks a code and a reason.
  await widget(page).getByLabel('Close code (empty: none)').fill('4001');
  await widget(page).getByLabel('Close reason').fill('Bye from the lab');
  await widget(page).getByRole('button', { name: 'Close with this code' }).click();
  const close = timeline(page).getByRole('figure', { name: /^Close \(opcode 0x8\)/ });
  expect((await wsReceive(await frameBytes(close), 'server')).events).toEqual([{ kind: 'close', code: 4001, reason: 'Bye from the lab' }]);
  await expectBrowserEvents(page, ['open', /^close: code 4001, reason "Bye from the lab", wasClean true$/]);
});

test('close with no code: the page reports 1005, which was never on the wire', async ({ driver: page }) => {
  await connect(page);
  await widget(page).getByLabel('Close code (empty: none)').fill('');
  await widget(page).getByLabel('Close reason').fill('');
  await widget(page).getByRole('button', { name: 'Close with this code' }).click();
  const close = timeline(page).getByRole('figure', { name: /^Close \(opcode 0x8\) with an empty body/ });
  expect(await frameBytes(close)).toEqual(new Uint8Array([0x88, 0x00]));
  await expectBrowserEvents(page, ['open', /^close: code 1005, reason "", wasClean true/]);
});

for (const [button, caption, wsFailsWith] of [
  ['Send invalid UTF-8', /^Text \(opcode 0x1\) whose payload is "café" in Latin-1/, 1007],
  ['Send a reserved opcode', /^Opcode 0x3/, 1002],
  ['Send a masked frame', /^The RFC's masked "Hello"/, 1002],
] as const) {
  test(`${button}: the page sees error, then 1006 (but Firefox ESR delivers a masked frame)`, async ({ driver: page }) => {
    await connect(page);
    await widget(page).getByRole('button', { name: button }).click();
    // ws, as a client, fails on the same bytes with the code the RFC gives.
    const frame = timeline(page).getByRole('figure', { name: caption });
    expect((await wsReceive(await frameBytes(frame), 'server')).failedWith).toBe(wsFailsWith);
    if (button === 'Send a masked frame' && page.engine === 'firefox') {
      // Firefox ESR unmasks a masked frame from the server and delivers it, where RFC 6455 §5.1 says the client
      // MUST fail the connection; Chromium fails it. The engine table (src/data/engines.json) records this.
      await expectBrowserEvents(page, ['open', 'message: text (5 bytes) "Hello"']);
      return;
    }
    await expectBrowserEvents(page, ['open', 'error (the event carries no detail)', /^close: code 1006, reason "", wasClean false/]);
  });
}

test('reset: no close handshake, the page reports 1006 and wasClean false', async ({ driver: page }) => {
  await connect(page);
  await widget(page).getByRole('button', { name: 'Reset the TCP connection' }).click();
  await expect(timeline(page)).toContainText('No WebSocket bytes at all');
  // Firefox fires error before the close; Chromium goes straight to close (the engine table records both).
  const error = page.engine === 'firefox' ? ['error (the event carries no detail)'] : [];
  await expectBrowserEvents(page, ['open', ...error, /^close: code 1006, reason "", wasClean false/]);
  await expect(widget(page).getByRole('button', { name: 'Connect to the lab' })).toBeEnabled();
});

test('explains a request the server refuses, and stays connected', async ({ driver: page }) => {
  await connect(page);
  // The reader asks for more fragments than the lab sends.
  await widget(page)
    .getByLabel(/Number of fragments/)
    .fill('40');
  await widget(page).getByRole('button', { name: 'Send one message in fragments' }).click();
  await expect(widget(page).getByRole('alert')).toHaveText(
    'The server refused: "count" must be a whole number from 1 to 16, and it is 40. (DEMO_ERR_BAD_ARGUMENT)',
  );
  await widget(page).getByRole('button', { name: 'Send a Ping' }).click();
  await expect(timeline(page).getByRole('figure', { name: /automatic Pong/ })).toBeVisible();
  await expect(widget(page).getByRole('alert')).toHaveCount(0);
});

test('says plainly when the demo server cannot be reached', async ({ driver: page }) => {
  const site = await startSite();
  await page.goto(`${site.origin}/closing/`);
  await site.stop();
  await widget(page).getByRole('button', { name: 'Connect to the lab' }).click();
  await expect(widget(page).getByRole('alert').filter({ hasText: 'could not be reached' })).toBeVisible();
});

test('on the Chinese page: fragments and a close, announced and reported in Chinese', async ({ driver: page }) => {
  const text = PROTOCOL_LAB_TEXT['zh-CN'];
  await page.goto('/zh-cn/closing/');
  await expect(page.getByRole('img', { name: SEQUENCES['closing-handshake']['zh-CN'].caption })).toBeVisible();
  const lab = page.getByRole('region', { name: text.title });
  const chineseTimeline = lab.getByRole('table', { name: text.caption });
  const events = chineseTimeline.locator('tr[data-side="browser"] td:last-child');
  // The reader connects and asks for three fragments.
  await lab.getByRole('button', { name: text.connect }).click();
  await expect(events).toHaveText(['open']);
  await lab.getByLabel(text.labels.count(16)).fill('3');
  await lab.getByRole('button', { name: text.acts.fragments }).click();
  await expect(chineseTimeline).toContainText('一条文本消息，分成 3 个分片');
  await expect(chineseTimeline.getByRole('figure', { name: /^第 \d 个分片（共 3 个）/ })).toHaveCount(3);
  // ws reassembles the three frames the page shows into the message the browser reported.
  const fragmentFrames = await Promise.all(
    [1, 2, 3].map((n) => frameBytes(chineseTimeline.getByRole('figure', { name: new RegExp(`^第 ${n} 个分片（共 3 个）`) }))),
  );
  expect(await wsReceive(Uint8Array.from(fragmentFrames.flatMap((bytes) => [...bytes])), 'server')).toEqual({
    events: [{ kind: 'text', text: 'One message, sent in fragments (RFC 6455 §5.4).' }],
    failedWith: null,
  });
  await expect(events).toHaveText(['open', 'message：文本（48 字节）"One message, sent in fragments (RFC 6455 §5.4)."']);
  // The reader closes with a code and a Chinese reason.
  await lab.getByLabel(text.labels.code).fill('4001');
  await lab.getByLabel(text.labels.reason).fill('再见');
  await lab.getByRole('button', { name: text.acts.close }).click();
  await expect(chineseTimeline.getByRole('figure', { name: /^Close（操作码 0x8）：关闭码 4001/ })).toBeVisible();
  await expect(events).toHaveText(['open', /^message：/, 'close：关闭码 4001，原因 "再见"，wasClean true']);
});
