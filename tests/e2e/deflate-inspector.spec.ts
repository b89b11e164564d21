// The deflate inspector, used as a reader would, with Node's zlib as the oracle for the compressed bytes on the page.
import { constants, inflateRawSync } from 'node:zlib';
import { DEFLATE_INSPECTOR_TEXT } from '../../src/components/deflate-inspector-text.ts';
import { expect, test, type Driver } from './journey.ts';

const MESSAGE = 'Hello, Hello, Hello! Compression loves repetition.';
const widget = (page: Driver) => page.getByRole('region', { name: 'Deflate inspector' });
const rows = (page: Driver) => widget(page).getByRole('table', { name: 'Sizes, message by message' }).locator('tbody tr');

function bytesOf(spacedHex: string): Buffer {
  return Buffer.from(spacedHex.replace(/\s+/g, ''), 'hex');
}

/**
 * Node's zlib inflates a frame as RFC 7692 §7.2.2 says: unmask, append 00 00 ff ff, inflate raw DEFLATE. Only for a
 * message compressed from an empty window, such as the first on a connection.
 */
function inflateFrame(frame: Buffer): string {
  const masked = (frame[1]! & 0x80) !== 0;
  const length7 = frame[1]! & 0x7f;
  const lengthEnd = 2 + (length7 === 126 ? 2 : length7 === 127 ? 8 : 0);
  const key = masked ? frame.subarray(lengthEnd, lengthEnd + 4) : null;
  const payload = Buffer.from(frame.subarray(lengthEnd + (masked ? 4 : 0)));
  if (key) for (let i = 0; i < payload.length; i++) payload[i]! ^= key[i % 4]!;
  // The stream ends on a sync flush, not a final block, so zlib is told not to expect one.
  return inflateRawSync(Buffer.concat([payload, Buffer.from('0000ffff', 'hex')]), { finishFlush: constants.Z_SYNC_FLUSH }).toString();
}

/** The server payload column of the table, as numbers of bytes. */
async function serverPayloads(page: Driver): Promise<number[]> {
  const cells = await rows(page).locator('td:nth-child(5)').allTextContents();
  return cells.map((text) => Number(/^(\d+) bytes/.exec(text)![1]));
}

/** The whole journey, in the reader's order, so it ports to the two-engine driver as one function. */
async function deflateJourney(page: Driver): Promise<void> {
  await page.goto('/extensions/');
  await expect(widget(page).getByLabel('What was agreed')).toBeHidden();
  expect(await page.sockets()).toEqual([]);

  // The reader types a message and presses Enter.
  await widget(page).getByLabel('Message', { exact: true }).fill(MESSAGE);
  await widget(page).getByLabel('Message', { exact: true }).press('Enter');
  await expect(rows(page)).toHaveCount(1);
  expect(await page.sockets()).toEqual([new URL('/ws/deflate?report=frames', page.url()).href.replace('http:', 'ws:')]);

  // The negotiation as the browser offered it and the server answered.
  const offer = widget(page).getByLabel('Offered by your browser (Sec-WebSocket-Extensions)');
  await expect(offer).toContainText('permessage-deflate');
  // The engines' offers differ: Chromium 156 offers client_max_window_bits, Firefox ESR 153 a bare permessage-deflate.
  // The server may limit the client's window only when it was offered (RFC 7692 §7.1.2.2), so its answer differs too.
  if (page.engine === 'chromium') {
    await expect(offer).toContainText('client_max_window_bits');
    await expect(widget(page).getByLabel('Answered by the server')).toHaveText(
      'permessage-deflate; client_max_window_bits=12; server_max_window_bits=12',
    );
  } else {
    await expect(offer).toHaveText('permessage-deflate');
    await expect(widget(page).getByLabel('Answered by the server')).toHaveText('permessage-deflate; server_max_window_bits=12');
  }
  await expect(widget(page).getByLabel('What was agreed')).toContainText('permessage-deflate is on');

  // Both frames have RSV1 set, and Node's zlib inflates each to what the reader typed.
  const browserFrame = bytesOf(
    (await widget(page)
      .getByLabel(/^Your browser's last frame/)
      .textContent())!,
  );
  const serverFrame = bytesOf(
    (await widget(page)
      .getByLabel(/^The server's last frame/)
      .textContent())!,
  );
  expect(browserFrame[0]! & 0x40).toBe(0x40);
  expect(serverFrame[0]).toBe(0xc1);
  expect(inflateFrame(browserFrame)).toBe(MESSAGE);
  expect(inflateFrame(serverFrame)).toBe(MESSAGE);
  await expect(widget(page).getByText('RSV1 (Per-Message Compressed)').first()).toBeVisible();
  await expect(widget(page).getByText(`inflates to ${MESSAGE.length} bytes`).first()).toBeVisible();

  // The reader sends the same message again: with context takeover the server's second frame is shorter.
  await widget(page).getByRole('button', { name: 'Send', exact: true }).click();
  await expect(rows(page)).toHaveCount(2);
  const [first, second] = await serverPayloads(page);
  expect(second).toBeLessThan(first!);
  await expect(widget(page).getByText(/second frame is \d+ bytes shorter than its first/)).toBeVisible();

  // The reader picks "Reset after each message" and presses Send twice.
  await widget(page)
    .getByLabel(/^Reset after each message/)
    .check();
  await widget(page).getByRole('button', { name: 'Send twice' }).click();
  await expect(rows(page)).toHaveCount(4);
  await expect(widget(page).getByLabel('Answered by the server')).toContainText('server_no_context_takeover');
  const [, , third, fourth] = await serverPayloads(page);
  expect(fourth).toBe(third);
  expect(third).toBe(first);
  await expect(widget(page).getByText(/server_no_context_takeover it compresses every message from an empty window/)).toBeVisible();
  expect((await page.sockets()).at(-1)).toBe(new URL('/ws/deflate?report=frames&context=off', page.url()).href.replace('http:', 'ws:'));

  // The reader sends the small deflate bomb: the server closes with 1009, judged on the inflated size.
  await widget(page)
    .getByRole('button', { name: /^Send 100 KiB of spaces/ })
    .click();
  await expect(widget(page).getByRole('alert')).toContainText('1009 (Message Too Big)');
  await expect(widget(page).getByRole('alert')).toContainText(/though its frame was only \d+ bytes on the wire/);

  // The server keeps serving: the reader's next message reconnects and comes back compressed.
  await widget(page).getByLabel('Message', { exact: true }).press('Enter');
  await expect(rows(page)).toHaveCount(5);
  // The bomb took round 5 and never came back.
  await expect(widget(page).getByText(`Round 6: ${MESSAGE.length} bytes of message`)).toBeVisible();
  await expect(widget(page).getByText('1009 (Message Too Big)')).toBeHidden();
}

test('negotiates permessage-deflate and shows both compressed frames, context takeover and the bomb', async ({ driver: page }) => {
  await deflateJourney(page);
});

test('on the Chinese page: Chinese labels, negotiation, comparison and 1009 explanation; the HTTP/2 session annotated in Chinese', async ({
  driver: page,
}) => {
  const text = DEFLATE_INSPECTOR_TEXT['zh-CN'];
  await page.goto('/zh-cn/extensions/');
  const inspector = page.getByRole('region', { name: text.title });
  // The reader types a message and presses Enter, then sends it again with the Chinese Send button.
  await inspector.getByLabel(text.labels.message, { exact: true }).fill(MESSAGE);
  await inspector.getByLabel(text.labels.message, { exact: true }).press('Enter');
  const table = inspector.getByRole('table', { name: text.labels.table });
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(inspector.getByLabel(text.labels.agreement)).toContainText('permessage-deflate 已启用。服务器在消息之间保留窗口');
  await expect(inspector.getByText(/^server_max_window_bits=12：服务器会用至多 2\^12 字节（4 KiB）的窗口压缩/)).toBeVisible();
  await inspector.getByRole('button', { name: '发送', exact: true }).click();
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(table.locator('tbody tr').first().locator('td').nth(1)).toHaveText(`${MESSAGE.length} 字节`);
  await expect(inspector.getByText(/^服务器的第二帧比第一帧短 \d+ 字节：有了上下文接管/)).toBeVisible();
  await expect(inspector.getByText(new RegExp(`^第 2 轮：消息 ${MESSAGE.length} 字节；你的浏览器的帧载荷 \\d+ 字节`))).toBeVisible();

  // The small deflate bomb: the server closes with 1009, and the page explains it in Chinese.
  await inspector.getByRole('button', { name: /^发送 100 KiB 的空格/ }).click();
  await expect(inspector.getByRole('alert')).toContainText('服务器以 1009（Message Too Big）关闭了连接');
  await expect(inspector.getByRole('alert')).toContainText(/尽管它的帧在线路上只有 \d+ 字节/);

  // The recorded HTTP/2 session further down the page is annotated in Chinese at build time.
  await expect(page.getByRole('figure', { name: '客户端 → 服务器：连接前言' })).toBeVisible();
  await expect(page.getByText('客户端可以用扩展的 CONNECT 打开 WebSocket').first()).toBeVisible();
  expect(page.errors).toEqual([]);
});
