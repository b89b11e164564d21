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
