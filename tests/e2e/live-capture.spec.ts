// The live capture, used as a reader would on its English and Chinese pages, with ws's own Receiver as the oracle for the bytes.
import { LIVE_CAPTURE_TEXT } from '../../src/components/live-capture-text.ts';
import { wsReceive } from '../unit/protocol/ws-oracle.ts';
import { expect, test, type Driver } from './journey.ts';
import { startSite } from './site-fixture.ts';

const widget = (page: Driver) => page.getByRole('region', { name: 'Live capture' });
const captured = (page: Driver) => widget(page).getByLabel('Bytes as the server received them (hex)');
const summary = (page: Driver) => widget(page).getByLabel('Captured frame');

function bytesOf(spacedHex: string): Uint8Array {
  return Uint8Array.from(spacedHex.trim().split(/\s+/), (pair) => parseInt(pair, 16));
}

test('connects only when the reader sends', async ({ driver: page }) => {
  await page.goto('/frames/');
  await expect(summary(page)).toBeHidden();
  expect(await page.sockets()).toEqual([]);
  // The reader types a message and presses Enter.
  await widget(page).getByLabel('Message', { exact: true }).fill('Hi');
  await widget(page).getByLabel('Message', { exact: true }).press('Enter');
  await expect(summary(page)).toHaveText(/^Frame \d+ \(text\): 8 bytes on the wire, 6 of header/);
  expect(await page.sockets()).toHaveLength(1);
});

test("shows the browser's masked frame, which ws decodes to what the reader typed", async ({ driver: page }) => {
  await page.goto('/frames/');
  // The reader types text with a non-ASCII character and sends it.
  await widget(page).getByLabel('Message', { exact: true }).fill('Héllo, wire');
  await widget(page).getByRole('button', { name: 'Send', exact: true }).click();
  await expect(summary(page)).toContainText('12 of payload');
  const bytes = bytesOf((await captured(page).textContent())!);
  expect(bytes[0]).toBe(0x81);
  expect(bytes[1]).toBe(0x80 | 12);

  // ws's Receiver, acting as the server, is the oracle.
  const reception = await wsReceive(bytes, 'client');
  expect(reception).toEqual({ events: [{ kind: 'text', text: 'Héllo, wire' }], failedWith: null });

  // The unmasking table walks the same XOR.
  const table = widget(page).getByRole('table', { name: /Unmasking the first 16 payload bytes/ });
  await expect(table.getByRole('row')).toHaveCount(13);
  await expect(table.getByRole('row').nth(1).getByRole('cell').last()).toHaveText('H');
  // Every byte is annotated, payload included.
  await expect(widget(page).getByText('Bytes 2–5: masking key')).toBeVisible();
  await expect(widget(page).getByText('Bytes 6–17: payload')).toBeVisible();
});

test('sends binary when the reader chooses Binary', async ({ driver: page }) => {
  await page.goto('/frames/');
  await widget(page).getByLabel('Message', { exact: true }).fill('AB');
  // The reader picks Binary, then sends.
  await widget(page)
    .getByLabel(/^Binary/)
    .check();
  await widget(page).getByRole('button', { name: 'Send', exact: true }).click();
  await expect(summary(page)).toHaveText(/^Frame \d+ \(binary\)/);
  const reception = await wsReceive(bytesOf((await captured(page).textContent())!), 'client');
  expect(reception.events).toEqual([{ kind: 'binary', hex: '4142' }]);
});

test('walks the length boundaries with the quick buttons', async ({ driver: page }) => {
  await page.goto('/frames/');
  const cases = [
    ['Empty message', '7-bit', 6, 0],
    ['125 bytes', '7-bit', 6, 125],
    ['126 bytes', '16-bit', 8, 126],
    ['65535 bytes', '16-bit', 8, 65535],
    ['65536 bytes', '64-bit', 14, 65536],
  ] as const;
  for (const [button, encoding, header, payload] of cases) {
    // The reader presses a quick button.
    await widget(page).getByRole('button', { name: button, exact: true }).click();
    await expect(summary(page)).toHaveText(
      new RegExp(`^Frame \\d+ \\(text\\): ${header + payload} bytes on the wire, ${header} of header \\(${encoding} length`),
    );
  }
  // The 64 KiB frame is annotated in full, its 64-bit length explained.
  await expect(widget(page).getByRole('listitem').filter({ hasText: 'Bytes 2–9: extended payload length' })).toContainText(
    'Extended payload length (64-bit)65536 bytes',
  );
});

test('explains a message over the limit instead of failing silently', async ({ driver: page }) => {
  await page.goto('/frames/');
  // The reader presses the over-the-limit button.
  await widget(page).getByRole('button', { name: '65537 bytes (over the limit)' }).click();
  await expect(widget(page).getByRole('alert').filter({ hasText: '1009 (Message Too Big)' })).toContainText('65537 bytes');
  // Send reconnects and works again.
  await widget(page).getByLabel('Message', { exact: true }).fill('again');
  await widget(page).getByRole('button', { name: 'Send', exact: true }).click();
  await expect(summary(page)).toHaveText(/^Frame \d+ \(text\): 11 bytes/);
});

test('says plainly when the demo server cannot be reached', async ({ driver: page }) => {
  const site = await startSite();
  await page.goto(`${site.origin}/frames/`);
  await site.stop();
  // The reader sends with the server gone.
  await widget(page).getByRole('button', { name: 'Send', exact: true }).click();
  await expect(widget(page).getByRole('alert').filter({ hasText: 'could not be reached' })).toBeVisible();
});

test('speaks Chinese on /zh-cn/frames/: labels, the capture sentence and the annotation', async ({ driver: page }) => {
  const text = LIVE_CAPTURE_TEXT['zh-CN'];
  await page.goto('/zh-cn/frames/');
  const zh = page.getByRole('region', { name: text.title });
  // The reader types a message into the Chinese form and presses the Chinese Send button.
  await zh.getByLabel(text.labels.message, { exact: true }).fill('你好');
  await zh.getByRole('button', { name: text.send, exact: true }).click();
  const said = zh.getByLabel(text.labels.summary);
  await expect(said).toHaveText(/^第 \d+ 帧（文本）：线路上共 12 字节，其中帧头 6 字节（7 位长度，掩码键 [0-9a-f ]{11}），载荷 6 字节。$/);
  // ws's Receiver agrees with the bytes the Chinese page shows.
  const reception = await wsReceive(bytesOf((await zh.getByLabel(text.labels.hex).textContent())!), 'client');
  expect(reception).toEqual({ events: [{ kind: 'text', text: '你好' }], failedWith: null });
  // The annotation is the protocol core's, in Chinese.
  await expect(zh.getByText('第 2–5 字节：掩码键')).toBeVisible();
  await expect(zh.getByRole('listitem').filter({ hasText: '第 6–11 字节：载荷' })).toContainText('"你好"');
  await expect(zh.getByRole('table', { name: text.unmaskCaption(16) })).toBeVisible();
});
