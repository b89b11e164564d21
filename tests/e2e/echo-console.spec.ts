import { expect, test, type Driver } from './journey.ts';
import { startSite } from './site-fixture.ts';
import { readEngineFacts } from './engine-facts.ts';
import { ECHO_CONSOLE_TEXT } from '../../src/components/echo-console-text.ts';

/** The chapter the echo console belongs to; the handshake chapter has it too, as its "Try it first". */
const PAGE = '/browser-api/';

const log = (page: Driver) => page.getByRole('log', { name: 'Message log' });

async function connect(page: Driver): Promise<void> {
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByLabel('readyState')).toHaveText('OPEN (1)');
}

for (const path of [PAGE, '/handshake/']) {
  test(`connects only when the reader presses Connect, on ${path}`, async ({ driver: page }) => {
    await page.goto(path);
    await expect(page.getByLabel('readyState')).toHaveText('CLOSED (3)');
    await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
    expect(await page.sockets()).toEqual([]);

    // The reader reaches Connect by keyboard and presses it.
    await page.getByRole('button', { name: 'Connect', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('readyState')).toHaveText('OPEN (1)');
    expect(await page.sockets()).toEqual([new URL('/ws/echo', page.url()).href.replace('http:', 'ws:')]);
    await expect(log(page)).toContainText('• event open');
  });
}

test('echoes what the reader sends, with direction and time', async ({ driver: page }) => {
  await page.goto(PAGE);
  await connect(page);
  // The reader types a message and presses Enter to send it.
  await page.getByLabel('Message', { exact: true }).fill('Hello from the test');
  await page.getByLabel('Message', { exact: true }).press('Enter');
  await expect(log(page).locator('li[data-direction="sent"]')).toHaveText(
    /^\d\d:\d\d:\d\d\.\d{3} → sent text \(19 bytes\): Hello from the testhex/,
  );
  await expect(log(page).locator('li[data-direction="received"]')).toHaveText(
    /^\d\d:\d\d:\d\d\.\d{3} ← received text \(19 bytes\): Hello from the testhex/,
  );
});

test("echoes the text's UTF-8 bytes as binary when asked to", async ({ driver: page }) => {
  await page.goto(PAGE);
  await connect(page);
  // The reader types text and picks binary, from the text's UTF-8 bytes.
  await page.getByLabel('Message', { exact: true }).fill('Hi');
  await page.getByLabel("Binary: the text's UTF-8 bytes").check();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(log(page).locator('li[data-direction="received"]')).toContainText('binary (2 bytes): 48 69');
});

test('shows echoed markup as text, never as HTML', async ({ driver: page }) => {
  await page.goto(PAGE);
  await connect(page);
  const attack = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
  await page.getByLabel('Message', { exact: true }).fill(attack);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(log(page).locator('li[data-direction="received"]')).toContainText(attack);
  await expect(log(page).locator('img, b')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('disconnects with a clean 1000 close', async ({ driver: page }) => {
  await page.goto(PAGE);
  await connect(page);
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByLabel('readyState')).toHaveText('CLOSED (3)');
  await expect(log(page)).toContainText('close: code 1000, reason "Reader pressed Disconnect", wasClean true');
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeEnabled();
});

test('says plainly when the demo server cannot be reached', async ({ driver: page }) => {
  // A server of our own, stopped after the page has loaded: the widget must explain, not hang.
  const site = await startSite();
  await page.goto(`${site.origin}${PAGE}`);
  await site.stop();
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(log(page)).toContainText('The demo server could not be reached');
  await expect(page.getByLabel('readyState')).toHaveText('CLOSED (3)');
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeEnabled();
});

const alertFor = (page: Driver, text: RegExp) => page.getByRole('alert').filter({ hasText: text });

test('sends hex as binary, shows every byte in the hex view, and refuses malformed hex with the rule', async ({ driver: page }) => {
  await page.goto(PAGE);
  await connect(page);
  // The reader picks hex bytes and types two bytes with a typo.
  await page.getByLabel('Binary: hex bytes').check();
  await page.getByLabel('Message', { exact: true }).fill('48 6z');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(alertFor(page, /'z' is not a hex digit/)).toBeVisible();
  await expect(page.getByLabel('Message', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(log(page).locator('li[data-direction="sent"]')).toHaveCount(0);
  // The reader corrects it and sends again.
  await page.getByLabel('Message', { exact: true }).fill('48 69 ff');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: /hex/ })).toHaveCount(0);
  const received = log(page).locator('li[data-direction="received"]');
  await expect(received).toContainText('binary (3 bytes): 48 69 ff');
  // The reader opens the received message's hex view.
  await received.getByText('hex', { exact: true }).click();
  await expect(received.locator('pre')).toHaveText('48 69 ff');
});

test('offers subprotocols and logs the one the server chose, and refuses a name that is not a token', async ({ driver: page }) => {
  await page.goto(PAGE);
  // The reader offers a name with a slash in it.
  await page.getByLabel('Subprotocols to offer').fill('chat/2');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(alertFor(page, /U\+0021 to U\+007E.*§4\.1/)).toBeVisible();
  expect(await page.sockets()).toEqual([]);
  // The reader offers two valid names and connects.
  await page.getByLabel('Subprotocols to offer').fill('chat.v2, chat.v1');
  await connect(page);
  await expect(log(page)).toContainText('offering chat.v2, chat.v1');
  // ws, with no handleProtocols hook on the demo server, takes the first name offered.
  await expect(log(page)).toContainText('open: protocol "chat.v2", extensions ""');
  await expect(log(page)).toContainText('handleProtocols');
});

test('closes with the code and reason given, after refusing ones a page may not use', async ({ driver: page }) => {
  await page.goto(PAGE);
  await connect(page);
  // The reader asks for code 1001, which the protocol reserves for itself.
  await page.getByLabel('Close code').fill('1001');
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(alertFor(page, /1000 or a code from 3000 to 4999.*InvalidAccessError/)).toBeVisible();
  await expect(page.getByLabel('readyState')).toHaveText('OPEN (1)');
  // The reader tries a permitted code with a reason of 124 bytes.
  await page.getByLabel('Close code').fill('4000');
  await page.getByLabel('Close reason').fill('x'.repeat(124));
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(alertFor(page, /124 bytes in UTF-8.*at most 123/)).toBeVisible();
  await expect(page.getByLabel('readyState')).toHaveText('OPEN (1)');
  // The reader shortens the reason and disconnects.
  await page.getByLabel('Close reason').fill('bye');
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByLabel('readyState')).toHaveText('CLOSED (3)');
  await expect(page.getByRole('alert').filter({ hasText: /code/ })).toHaveCount(0);
  await expect(log(page)).toContainText('close: code 4000, reason "bye", wasClean true');
});

test('shows bufferedAmount rising on a flood of sends and falling back to 0', async ({ driver: page }) => {
  await page.goto(PAGE);
  await connect(page);
  await expect(page.getByLabel('bufferedAmount')).toHaveText('0');
  // The reader sends ten 60 KiB messages at once.
  await page.getByRole('button', { name: 'Send 10 × 60 KiB' }).click();
  await expect(log(page)).toContainText('bufferedAmount just after the last send(): 614400 bytes');
  await expect(log(page)).toContainText(/bufferedAmount back to 0 after \d+ ms/);
  await expect(page.getByLabel('bufferedAmount')).toHaveText('0');
  await expect(log(page).locator('li[data-direction="received"]')).toHaveCount(10);
});

test('offers a subprotocol the server does not speak, and shows what this engine does with the decline', async ({ driver: page }) => {
  await page.goto(PAGE);
  // The reader presses the button that offers x-unknown to /ws/lab, which speaks no subprotocol.
  await page.getByRole('button', { name: 'Offer a subprotocol the server does not speak' }).click();
  await expect(log(page)).toContainText('offering x-unknown, which /ws/lab does not speak');
  expect(await page.sockets()).toEqual([new URL('/ws/lab', page.url()).href.replace('http:', 'ws:')]);
  // What this engine does was observed against a raw server in engines.spec.ts; the widget must show the same.
  const observed = readEngineFacts()!.engines[page.engine]!.facts['subprotocol-declined']!.page;
  if (observed.some((event) => event.startsWith('open'))) {
    await expect(log(page)).toContainText('open: protocol "", extensions ""');
    await expect(log(page)).toContainText('WHATWG says a browser must then fail the connection');
    await expect(log(page)).toContainText('this browser opened it anyway');
    await expect(page.getByLabel('readyState')).toHaveText('OPEN (1)');
    await page.getByRole('button', { name: 'Disconnect' }).click();
  } else {
    expect(observed).toEqual(['error', 'close 1006 (not clean)']);
    await expect(log(page).locator('li[data-direction="event"]')).toHaveText([
      /offering x-unknown/,
      /error \(the event carries no message\)/,
      /close: code 1006, wasClean false\. The server answered 101 but chose none of the subprotocols offered/,
    ]);
    await expect(log(page)).not.toContainText('open:');
  }
  await expect(page.getByLabel('readyState')).toHaveText('CLOSED (3)');
  await expect(page.getByRole('button', { name: 'Offer a subprotocol the server does not speak' })).toBeEnabled();
});

test('on the Chinese page: connects, echoes, refuses a reserved close code and describes the close, all in Chinese', async ({
  driver: page,
}) => {
  const text = ECHO_CONSOLE_TEXT['zh-CN'];
  await page.goto('/zh-cn/browser-api/');
  const chineseLog = page.getByRole('log', { name: text.labels.log });
  // The reader connects with the Chinese button.
  await page.getByRole('button', { name: text.buttons.connect, exact: true }).click();
  await expect(page.getByLabel('readyState')).toHaveText('OPEN (1)');
  await expect(chineseLog).toContainText(`${text.arrows.event} open：protocol ""，extensions ""`);
  // The reader sends the Chinese greeting the field starts with; it comes back counted in UTF-8 bytes.
  await expect(page.getByLabel(text.labels.message, { exact: true })).toHaveValue(text.defaultMessage);
  await page.getByLabel(text.labels.message, { exact: true }).press('Enter');
  await expect(chineseLog.locator('li[data-direction="received"]')).toContainText(
    `${text.arrows.received} 文本（18 字节）：你好，WebSocket`,
  );
  // The reader asks for a code only the protocol may use, then a permitted one.
  await page.getByLabel(text.labels.closeCode).fill('1001');
  await page.getByRole('button', { name: text.buttons.disconnect }).click();
  await expect(page.getByRole('alert').filter({ hasText: '"1001" 两者都不是' })).toContainText('InvalidAccessError');
  await page.getByLabel(text.labels.closeCode).fill('4000');
  await page.getByRole('button', { name: text.buttons.disconnect }).click();
  await expect(page.getByLabel('readyState')).toHaveText('CLOSED (3)');
  await expect(chineseLog).toContainText(`close：关闭码 4000，原因 “${text.defaultCloseReason}”，wasClean true`);
});
