// The mask visualizer on /frames/ and /zh-cn/frames/, checked against XOR done independently with Buffer.
import AxeBuilder from '@axe-core/playwright';
import { MASK_VISUALIZER_TEXT } from '../../src/components/mask-visualizer-text.ts';
import { expect, playwrightPage, test, type Driver } from './journey.ts';

const visualizer = (page: Driver) => page.getByRole('region', { name: 'Mask visualizer' });

/** The oracle: each payload byte XORed with key[i mod 4], written with Buffer, not the site's mask(). */
function xorWithKey(payload: Buffer, key: Buffer): Buffer {
  return Buffer.from(payload.map((byte, i) => byte ^ key[i % 4]!));
}

const spaced = (bytes: Buffer) => bytes.toString('hex').replace(/(..)(?!$)/g, '$1 ');

async function expectMasking(page: Driver, text: string, keyHex: string): Promise<void> {
  const mv = visualizer(page);
  const payload = Buffer.from(text, 'utf8');
  const key = Buffer.from(keyHex.replace(/\s/g, ''), 'hex');
  const masked = xorWithKey(payload, key);
  await expect(mv.getByLabel('Payload bytes')).toHaveText(spaced(payload));
  await expect(mv.getByLabel(/Key, repeated/)).toHaveText(spaced(Buffer.from(payload.map((_, i) => key[i % 4]!))));
  await expect(mv.getByLabel(/Masked bytes/)).toHaveText(spaced(masked));
  await expect(mv.getByLabel('Unmasked with the same key')).toHaveText(spaced(payload));

  const table = mv.getByRole('table', { name: /masked\[i\] = payload\[i\] XOR key\[i mod 4\]/ });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(Math.min(payload.length, 64));
  for (const i of [0, 1, 2, 3, 4, Math.min(payload.length, 64) - 1].filter((n) => n >= 0 && n < payload.length)) {
    const cells = rows.nth(i).getByRole('cell');
    await expect(rows.nth(i).getByRole('rowheader')).toHaveText(String(i));
    await expect(cells.nth(0)).toContainText(payload[i]!.toString(16).padStart(2, '0'));
    await expect(cells.nth(1)).toHaveText(String(i % 4));
    await expect(cells.nth(2)).toContainText(key[i % 4]!.toString(16).padStart(2, '0'));
    await expect(cells.nth(3)).toContainText(`${masked[i]!.toString(16).padStart(2, '0')} ${masked[i]!.toString(2).padStart(8, '0')}`);
  }
}

test.describe('on /frames/', () => {
  test.beforeEach(async ({ driver: page }) => {
    await page.goto('/frames/');
    // The reader scrolls down to the visualizer, which loads its code as it comes near.
    await visualizer(page).scrollIntoViewIfNeeded();
  });

  test('starts from the RFC 6455 §5.7 "Hello" and its key', async ({ driver: page }) => {
    const mv = visualizer(page);
    await expect(mv.getByLabel('Payload', { exact: true })).toHaveValue('Hello');
    await expect(mv.getByLabel(/Masked bytes/)).toHaveText('7f 9f 4d 51 58');
    await expectMasking(page, 'Hello', '37fa213d');
    await expect(mv.getByRole('columnheader')).toHaveText(['i', 'Payload byte', 'i mod 4', 'Key byte', 'Masked byte']);
    await expect(mv).toContainText('gives back the payload, "Hello", byte for byte (§5.3)');
  });

  test('masks what the reader types, by keyboard, exactly as XOR with key[i mod 4]', async ({ driver: page }) => {
    const mv = visualizer(page);
    // The reader types a key, then tabs back to the payload and types over it.
    await mv.getByLabel('Masking key (hex)').fill('0xde:0xad:0xbe:0xef');
    await mv.getByLabel('Masking key (hex)').focus();
    await page.keyboard.press('Shift+Tab');
    await expect(mv.getByLabel('Payload', { exact: true })).toBeFocused();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Masking is not encryption ✓');
    await expectMasking(page, 'Masking is not encryption ✓', 'deadbeef');
    await expect(mv).toContainText('gives back the payload, "Masking is not encryption ✓", byte for byte');
  });

  test('makes a random key on request, and the masked bytes follow it', async ({ driver: page }) => {
    const mv = visualizer(page);
    const key = mv.getByLabel('Masking key (hex)');
    // The reader presses Random key with the keyboard.
    await key.focus();
    await page.keyboard.press('Tab');
    await expect(mv.getByRole('button', { name: 'Random key' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(key).not.toHaveValue('37 fa 21 3d');
    const shown = await key.inputValue();
    expect(Buffer.from(shown.replace(/\s/g, ''), 'hex')).toHaveLength(4);
    await expectMasking(page, 'Hello', shown);
  });

  test('shows the first 64 rows of a long payload and says so, while the lines carry its first 256 bytes', async ({ driver: page }) => {
    const mv = visualizer(page);
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(3);
    // The reader pastes a long payload.
    await mv.getByLabel('Payload', { exact: true }).fill(text);
    await expectMasking(page, text, '37fa213d');
    await expect(mv).toContainText(`The table shows the first 64 bytes; the ${text.length - 64} bytes after them follow the same pattern.`);
    // Past 256 bytes the lines stop and count the rest; unmasking still gives every byte back.
    await mv.getByLabel('Payload', { exact: true }).fill(text.repeat(2));
    await expect(mv.getByLabel(/Masked bytes/)).toContainText(`… and ${text.length * 2 - 256} more bytes`);
    await expect(mv).toContainText('gives back the payload');
  });

  test('explains a key that is not 4 bytes, instead of a table', async ({ driver: page }) => {
    const mv = visualizer(page);
    const key = mv.getByLabel('Masking key (hex)');
    // The reader deletes the last key byte.
    await key.fill('37 fa 21');
    await expect(mv.getByRole('alert').filter({ hasText: /./ })).toHaveText(
      'A masking key is exactly 4 bytes, 8 hex digits (§5.2), and this one is 3 bytes.',
    );
    await expect(key).toHaveAttribute('aria-invalid', 'true');
    await expect(mv.getByRole('table')).toBeHidden();
    // The reader types a letter that is not hex.
    await key.fill('37 fa 21 3x');
    await expect(mv.getByRole('alert').filter({ hasText: /./ })).toHaveText(
      "The masking key: 'x' at position 11 is not a hex digit (0–9, a–f).",
    );
    // Fixing the key brings the table back.
    await key.fill('37 fa 21 3d');
    await expect(key).not.toHaveAttribute('aria-invalid');
    await expectMasking(page, 'Hello', '37fa213d');
  });

  test('passes axe with a long table and with an invalid key, light and dark', { tag: '@chromium-only' }, async ({ driver: page }) => {
    // axe, run in light and dark (and more): on a loaded machine it takes longer than a journey's default time.
    test.slow();
    const mv = visualizer(page);
    // The reader types a long payload, then breaks the key.
    await mv.getByLabel('Payload', { exact: true }).fill('x'.repeat(80));
    await expect(mv.getByRole('table').locator('tbody tr')).toHaveCount(64);
    for (const key of ['01 02 03 04', '01 02']) {
      await mv.getByLabel('Masking key (hex)').fill(key);
      for (const colorScheme of ['light', 'dark'] as const) {
        // axe and emulateMedia are Playwright's: this test runs in Chromium only.
        await playwrightPage(page).emulateMedia({ colorScheme });
        const results = await new AxeBuilder({ page: playwrightPage(page) })
          .include('section[aria-labelledby="widget-mask-visualizer"]')
          .analyze();
        expect(
          results.violations.map((v) => `${colorScheme} ${key}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        ).toEqual([]);
      }
    }
  });
});

test('speaks Chinese on /zh-cn/frames/: labels, a bad key refused in Chinese, the round trip told in Chinese', async ({ driver: page }) => {
  const text = MASK_VISUALIZER_TEXT['zh-CN'];
  await page.goto('/zh-cn/frames/');
  const mv = page.getByRole('region', { name: text.title });
  // The reader scrolls down to the visualizer.
  await mv.scrollIntoViewIfNeeded();
  await expect(mv.getByRole('columnheader')).toHaveText(text.columns);
  // The reader gives a key two bytes short.
  const key = mv.getByLabel(text.labels.maskingKey);
  await key.fill('37 fa');
  await expect(mv.getByRole('alert').filter({ hasText: /./ })).toHaveText(
    '掩码键正好是 4 字节，即 8 个十六进制数字（§5.2），而这个是 2 字节。',
  );
  await expect(key).toHaveAttribute('aria-invalid', 'true');
  // The reader fixes the key and types a Chinese payload; the bytes are XOR with key[i mod 4], done here with Buffer.
  await key.fill('de ad be ef');
  await mv.getByLabel(text.labels.payload, { exact: true }).fill('掩码');
  const payload = Buffer.from('掩码', 'utf8');
  const keyBytes = Buffer.from('deadbeef', 'hex');
  await expect(mv.getByLabel(text.labels.masked)).toHaveText(spaced(xorWithKey(payload, keyBytes)));
  await expect(mv).toContainText('逐字节得回原来的载荷 "掩码"（§5.3）');
});
