import type { Page } from '@playwright/test';
import { expect, startSite, test } from './site-fixture.ts';

const log = (page: Page) => page.getByRole('log', { name: 'Message log' });

async function connect(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByLabel('readyState')).toHaveText('OPEN (1)');
}

test('connects only when the reader presses Connect', async ({ page }) => {
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  await page.goto('/handshake/');
  await expect(page.getByLabel('readyState')).toHaveText('CLOSED (3)');
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
  expect(sockets).toEqual([]);

  // The reader reaches Connect by keyboard and presses it.
  await page.getByRole('button', { name: 'Connect', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('readyState')).toHaveText('OPEN (1)');
  expect(sockets).toEqual([new URL('/ws/echo', page.url()).href.replace('http:', 'ws:')]);
  await expect(log(page)).toContainText('• event open');
});

test('echoes what the reader sends, with direction and time', async ({ page }) => {
  await page.goto('/handshake/');
  await connect(page);
  // The reader types a message and presses Enter to send it.
  await page.getByLabel('Message', { exact: true }).fill('Hello from the test');
  await page.getByLabel('Message', { exact: true }).press('Enter');
  await expect(log(page).locator('li[data-direction="sent"]')).toHaveText(
    /^\d\d:\d\d:\d\d\.\d{3} → sent text \(19 bytes\): Hello from the test$/,
  );
  await expect(log(page).locator('li[data-direction="received"]')).toHaveText(
    /^\d\d:\d\d:\d\d\.\d{3} ← received text \(19 bytes\): Hello from the test$/,
  );
});

test('echoes binary as bytes when asked to', async ({ page }) => {
  await page.goto('/handshake/');
  await connect(page);
  await page.getByLabel('Message', { exact: true }).fill('Hi');
  await page.getByLabel(/Send as binary/).check();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(log(page).locator('li[data-direction="received"]')).toContainText('binary (2 bytes): 48 69');
});

test('shows echoed markup as text, never as HTML', async ({ page }) => {
  await page.goto('/handshake/');
  await connect(page);
  const attack = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
  await page.getByLabel('Message', { exact: true }).fill(attack);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(log(page).locator('li[data-direction="received"]')).toContainText(attack);
  await expect(log(page).locator('img, b')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('disconnects with a clean 1000 close', async ({ page }) => {
  await page.goto('/handshake/');
  await connect(page);
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByLabel('readyState')).toHaveText('CLOSED (3)');
  await expect(log(page)).toContainText('close: code 1000, reason "Reader pressed Disconnect", wasClean true');
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeEnabled();
});

test('says plainly when the demo server cannot be reached', async ({ page }) => {
  // A server of our own, stopped after the page has loaded: the widget must explain, not hang.
  const site = await startSite();
  await page.goto(`${site.origin}/handshake/`);
  await site.stop();
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(log(page)).toContainText('The demo server could not be reached');
  await expect(page.getByLabel('readyState')).toHaveText('CLOSED (3)');
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeEnabled();
});
