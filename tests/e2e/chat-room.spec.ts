// The chat room as a reader uses it, on its English pages and, in one lean journey, on its Chinese page.
import { CHAT_ROOM_TEXT } from '../../src/components/chat-room-text.ts';
import { expect, test, type Driver } from './journey.ts';
import { startSite } from './site-fixture.ts';

const chatLog = (page: Driver) => page.getByRole('log', { name: 'Chat log' });

async function join(page: Driver, nickname: string): Promise<void> {
  // The reader types a nickname and presses Enter.
  await page.getByLabel('Nickname').fill(nickname);
  await page.getByLabel('Nickname').press('Enter');
  await expect(page.getByLabel('Status')).toHaveText(`In the room as ${nickname}.`);
}

async function say(page: Driver, text: string): Promise<void> {
  // The reader types a message and presses Enter.
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByLabel('Message', { exact: true }).press('Enter');
}

test('connects only when the reader presses Join, and two tabs talk to each other', async ({ driver: page }) => {
  await page.goto('/writing-a-server/');
  await expect(page.getByLabel('Status')).toHaveText('Not connected.');
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
  expect(await page.sockets()).toEqual([]);

  await join(page, 'ada');
  expect(await page.sockets()).toEqual([new URL('/ws/chat', page.url()).href.replace('http:', 'ws:')]);
  await expect(page.getByText('The server allows nicknames of up to 32 characters, and messages of up to 500, 60 a minute.')).toBeVisible();

  // A second tab in the same browser joins the same room.
  const other = await page.newTab();
  await other.goto('/writing-a-server/');
  await join(other, 'bob');
  await expect(chatLog(other)).toContainText('You joined as bob. Also here: ada.');
  await expect(chatLog(page)).toContainText('bob joined.');

  await say(page, 'Hello from the first tab');
  await say(other, 'Hello from the second tab');
  for (const tab of [page, other]) {
    await expect(chatLog(tab).locator('li[data-kind="message"]')).toHaveText([
      /^\d\d:\d\d ada: Hello from the first tab$/,
      /^\d\d:\d\d bob: Hello from the second tab$/,
    ]);
  }

  // The second reader leaves.
  await other.getByRole('button', { name: 'Leave' }).click();
  await expect(other.getByLabel('Status')).toHaveText('You left the room (close code 1000: Reader pressed Leave).');
  await expect(chatLog(page)).toContainText('bob left.');
  await expect(other.getByRole('button', { name: 'Join' })).toBeEnabled();
});

test('shows a message full of markup as text, and creates no element from it', async ({ driver: page }) => {
  await page.goto('/writing-a-server/');
  await join(page, 'mallory');
  const other = await page.newTab();
  await other.goto('/writing-a-server/');
  await join(other, 'victim');

  const attack = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
  await say(page, attack);
  await expect(chatLog(other).locator('li[data-kind="message"]')).toHaveText(
    new RegExp(`mallory: ${attack.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
  );
  await expect(chatLog(other).locator('img, b')).toHaveCount(0);
  await expect(chatLog(page).locator('img, b')).toHaveCount(0);
  for (const tab of [page, other]) expect(await tab.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
});

test("refuses an over-long message with the server's explanation, and the room stays usable", async ({ driver: page }) => {
  await page.goto('/writing-a-server/');
  await join(page, 'verbose');
  await say(page, 'x'.repeat(501));
  await expect(page.getByRole('alert')).toHaveText(
    'The server refused: A chat message may have at most 500 characters, and this one has 501. (DEMO_ERR_CHAT_MESSAGE_TOO_LONG)',
  );
  // The refused text stays in the field, so the reader can shorten it.
  await expect(page.getByLabel('Message', { exact: true })).toHaveValue('x'.repeat(501));
  await say(page, 'shorter');
  await expect(page.getByLabel('Message', { exact: true })).toHaveValue('');
  await expect(chatLog(page).locator('li[data-kind="message"]')).toHaveText([/verbose: shorter$/]);
  // The refusal is gone once a message goes through.
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test("refuses an over-long nickname with the server's explanation, and Join works again", async ({ driver: page }) => {
  await page.goto('/writing-a-server/');
  await page.getByLabel('Nickname').fill('n'.repeat(33));
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'The server refused: A nickname may have at most 32 characters, and this one has 33. (DEMO_ERR_CHAT_NICKNAME_TOO_LONG)',
  );
  await expect(page.getByRole('button', { name: 'Join' })).toBeEnabled();
  await join(page, 'short');
});

test('says plainly when the demo server cannot be reached', async ({ driver: page }) => {
  // A server of our own, stopped after the page has loaded: the widget must explain, not hang.
  const site = await startSite();
  await page.goto(`${site.origin}/writing-a-server/`);
  await site.stop();
  await page.getByLabel('Nickname').fill('alone');
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByLabel('Status')).toHaveText(/^The demo server could not be reached/);
  await expect(page.getByRole('button', { name: 'Join' })).toBeEnabled();
});

test('on the Chinese page: Chinese labels, notices, refusals and close, with the server speaking English on the wire', async ({
  driver: page,
}) => {
  const text = CHAT_ROOM_TEXT['zh-CN'];
  await page.goto('/zh-cn/writing-a-server/');
  const room = page.getByRole('region', { name: text.title });
  await expect(room.getByRole('button', { name: '加入' })).toBeEnabled();
  await expect(room.getByLabel(text.labels.status)).toHaveText('未连接。');
  // The reader types a nickname and presses Enter.
  await room.getByLabel(text.labels.nickname).fill('lin');
  await room.getByLabel(text.labels.nickname).press('Enter');
  await expect(room.getByLabel(text.labels.status)).toHaveText('已作为 lin 进入聊天室。');
  await expect(room.getByText('服务器允许的昵称最长 32 个字符，消息最长 500 个字符，每分钟最多 60 条。')).toBeVisible();
  const log = room.getByRole('log', { name: text.labels.log });
  await expect(log).toContainText(/你以 lin 的身份加入了。(这里还没有别人。|在场的还有：)/);

  // An over-long message: the server refuses in English on the wire, the page says it in Chinese and keeps the code.
  await room.getByLabel(text.labels.message, { exact: true }).fill('长'.repeat(501));
  await room.getByLabel(text.labels.message, { exact: true }).press('Enter');
  await expect(room.getByRole('alert')).toHaveText(
    '服务器拒绝了（DEMO_ERR_CHAT_MESSAGE_TOO_LONG）：这条聊天消息超过了服务器允许的长度。（服务器原文：A chat message may have at most 500 characters, and this one has 501.）',
  );
  await room.getByLabel(text.labels.message, { exact: true }).fill('你好');
  await room.getByRole('button', { name: '发送' }).click();
  await expect(log.locator('li[data-kind="message"]')).toHaveText([/^\d\d:\d\d lin: 你好$/]);

  // The reader leaves: the close is worded in Chinese, with the reason the page sent.
  await room.getByRole('button', { name: '离开' }).click();
  await expect(room.getByLabel(text.labels.status)).toHaveText('你离开了聊天室（关闭码 1000：读者按下了离开）。');
  expect(page.errors).toEqual([]);
});
