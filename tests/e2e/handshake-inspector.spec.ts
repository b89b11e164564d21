// The handshake inspector, used as a reader would, checked against node:crypto.
import { createHash } from 'node:crypto';
import { expect, test, type Driver } from './journey.ts';
import { startSite } from './site-fixture.ts';
import { HANDSHAKE_INSPECTOR_TEXT } from '../../src/components/handshake-inspector-text.ts';
import { SEQUENCES } from '../../src/components/sequence-diagram-text.ts';

const widget = (page: Driver) => page.getByRole('region', { name: 'Handshake inspector' });
const request = (page: Driver) => widget(page).getByRole('figure', { name: 'Request, as the server received it' });
const response = (page: Driver) => widget(page).getByRole('figure', { name: 'Response, as the server sent it' });

async function inspect(page: Driver): Promise<void> {
  // The reader presses the inspector's button.
  await widget(page).getByRole('button', { name: 'Connect and inspect' }).click();
  await expect(widget(page).getByRole('status').filter({ hasText: 'Inspected the handshake' })).toBeVisible();
}

test('connects only when the reader asks', async ({ driver: page }) => {
  await page.goto('/handshake/');
  await expect(request(page)).toBeHidden();
  expect(await page.sockets()).toEqual([]);

  // The reader reaches the button by keyboard and presses Enter.
  await widget(page).getByRole('button', { name: 'Connect and inspect' }).focus();
  await page.keyboard.press('Enter');
  await expect(request(page)).toBeVisible();
  expect(await page.sockets()).toEqual([new URL('/ws/inspect', page.url()).href.replace('http:', 'ws:')]);
});

test("shows the browser's request and the server's response, and a matching Accept", async ({ driver: page }) => {
  await page.goto('/handshake/');
  await inspect(page);
  const requestText = await request(page).locator('pre').textContent();
  const lines = requestText!.split('\n');
  expect(lines[0]).toBe('GET /ws/inspect HTTP/1.1');
  expect(lines).toEqual(expect.arrayContaining(['Upgrade: websocket', 'Sec-WebSocket-Version: 13']));
  const key = /^Sec-WebSocket-Key: (.+)$/im.exec(requestText!)![1]!;

  // node:crypto is the oracle: base64(SHA-1(key + GUID)), RFC 6455 §4.2.2.
  const expected = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  await expect(response(page).locator('pre')).toHaveText(
    ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${expected}`].join('\n'),
  );
  await expect(widget(page).getByLabel('Sec-WebSocket-Key from the request')).toHaveText(key);
  await expect(widget(page).getByLabel('base64(SHA-1(key + GUID)), computed here')).toHaveText(expected);
  await expect(widget(page).getByLabel('Sec-WebSocket-Accept from the response')).toHaveText(expected);
  await expect(widget(page).getByLabel('Verdict')).toHaveText(/^matches/);
});

test('a second press shows a fresh key', async ({ driver: page }) => {
  await page.goto('/handshake/');
  await inspect(page);
  const first = await widget(page).getByLabel('Sec-WebSocket-Key from the request').textContent();
  // The reader presses the button again.
  await widget(page).getByRole('button', { name: 'Connect and inspect' }).click();
  await expect(widget(page).getByLabel('Sec-WebSocket-Key from the request')).not.toHaveText(first!);
  await expect(widget(page).getByLabel('Verdict')).toHaveText(/^matches/);
});

test('says plainly when the demo server cannot be reached', async ({ driver: page }) => {
  // A server of our own, stopped after the page has loaded.
  const site = await startSite();
  await page.goto(`${site.origin}/handshake/`);
  await site.stop();
  await widget(page).getByRole('button', { name: 'Connect and inspect' }).click();
  await expect(widget(page).getByRole('alert').filter({ hasText: 'could not be reached' })).toBeVisible();
  await expect(widget(page).getByRole('button', { name: 'Connect and inspect' })).toBeEnabled();
});

test('on the Chinese page: inspects the handshake and gives the verdict in Chinese', async ({ driver: page }) => {
  const text = HANDSHAKE_INSPECTOR_TEXT['zh-CN'];
  await page.goto('/zh-cn/handshake/');
  await expect(page.getByRole('img', { name: SEQUENCES['opening-handshake']['zh-CN'].caption })).toBeVisible();
  const inspector = page.getByRole('region', { name: text.title });
  // The reader presses the Chinese button.
  await inspector.getByRole('button', { name: text.connect }).click();
  await expect(inspector.getByRole('status').filter({ hasText: '已检查与' })).toContainText('的握手，随后关闭了连接。');
  const requestText = await inspector.getByRole('figure', { name: text.labels.request }).locator('pre').textContent();
  const key = /^Sec-WebSocket-Key: (.+)$/im.exec(requestText!)![1]!;
  const expected = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  await expect(inspector.getByLabel(text.labels.computed)).toHaveText(expected);
  await expect(inspector.getByLabel(text.labels.received)).toHaveText(expected);
  await expect(inspector.getByLabel(text.labels.verdict)).toHaveText(text.matches);
});
