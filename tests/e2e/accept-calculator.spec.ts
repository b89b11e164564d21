import { createHash, randomBytes } from 'node:crypto';
import { expect, test, type Driver, type Locator } from './journey.ts';
import { ACCEPT_CALCULATOR_TEXT } from '../../src/components/accept-calculator-text.ts';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** The independent oracle: node:crypto, not the WebCrypto code under test. */
function nodeSteps(key: string) {
  const concatenated = key + GUID;
  const digest = createHash('sha1').update(concatenated).digest();
  return { concatenated, sha1Hex: digest.toString('hex'), accept: digest.toString('base64') };
}

/** The calculator's own region: the handshake inspector on the same page also shows a key and an accept value. */
const calculator = (page: Driver): Locator => page.getByRole('region', { name: 'Accept calculator' });

async function expectSteps(page: Driver, key: string): Promise<void> {
  const steps = nodeSteps(key);
  await expect(calculator(page).getByLabel(/Key \+ GUID/)).toHaveText(steps.concatenated);
  await expect(calculator(page).getByLabel(/SHA-1 digest/)).toHaveText(steps.sha1Hex);
  await expect(calculator(page).getByLabel('3. Base64 of the digest: Sec-WebSocket-Accept')).toHaveText(steps.accept);
}

test.describe('on the English page', () => {
  test.beforeEach(async ({ driver: page }) => {
    await page.goto('/handshake/');
  });

  test('starts from the RFC 6455 §1.3 example', async ({ driver: page }) => {
    await expect(calculator(page).getByLabel('Sec-WebSocket-Key')).toHaveValue('dGhlIHNhbXBsZSBub25jZQ==');
    await expect(calculator(page).getByLabel(/Sec-WebSocket-Accept/)).toHaveText('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  test('computes every step for keys the reader types, matching node:crypto', async ({ driver: page }) => {
    const input = calculator(page).getByLabel('Sec-WebSocket-Key');
    for (let i = 0; i < 5; i++) {
      const key = randomBytes(16).toString('base64');
      // The reader replaces the key by typing.
      await input.fill('');
      await input.pressSequentially(key);
      await expectSteps(page, key);
    }
  });

  test('makes a random key on request, and its accept value is right', async ({ driver: page }) => {
    const input = calculator(page).getByLabel('Sec-WebSocket-Key');
    // The reader tabs from the key field to the button and presses Enter.
    await input.focus();
    await page.keyboard.press('Tab');
    await expect(calculator(page).getByRole('button', { name: 'Random key' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(input).not.toHaveValue('dGhlIHNhbXBsZSBub25jZQ==');
    const key = await input.inputValue();
    expect(Buffer.from(key, 'base64')).toHaveLength(16);
    await expectSteps(page, key);
  });

  for (const [key, rule] of [
    ['aGVsbG8=', /decodes to 5 bytes, not 16/],
    ['dGhlIHNhbXBsZSBub25jZQ', /groups of 4/],
    ['dGhlIHNhbXBsZSBub25j%Q==', /not base64/],
    ['AQIDBAUGBwgJCgsMDQ4PEC==', /not the canonical base64/],
  ] as const) {
    test(`explains why ${key} is not a valid key, instead of giving a result`, async ({ driver: page }) => {
      // The reader types a key that breaks the §4.1 rule.
      await calculator(page).getByLabel('Sec-WebSocket-Key').fill(key);
      const alert = calculator(page).getByRole('alert');
      await expect(alert).toContainText(rule);
      await expect(alert).toContainText('exactly 16 random bytes (RFC 6455 §4.1)');
      await expect(calculator(page).getByLabel('Sec-WebSocket-Key')).toHaveAttribute('aria-invalid', 'true');
      await expect(calculator(page).getByLabel(/Sec-WebSocket-Accept/)).toBeHidden();

      // Fixing the key brings the result back.
      await calculator(page).getByLabel('Sec-WebSocket-Key').fill('AQIDBAUGBwgJCgsMDQ4PEA==');
      await expect(alert).toHaveCount(0);
      await expectSteps(page, 'AQIDBAUGBwgJCgsMDQ4PEA==');
    });
  }
});

test('on the Chinese page: computes the RFC example and says in Chinese why a key is wrong', async ({ driver: page }) => {
  const text = ACCEPT_CALCULATOR_TEXT['zh-CN'];
  await page.goto('/zh-cn/handshake/');
  const chinese = page.getByRole('region', { name: text.title });
  const input = chinese.getByLabel(text.labels.key);
  await expect(input).toHaveValue('dGhlIHNhbXBsZSBub25jZQ==');
  await expect(chinese.getByLabel(text.labels.accept)).toHaveText('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  // The reader types a key of 5 bytes.
  await input.fill('aGVsbG8=');
  await expect(chinese.getByRole('alert')).toHaveText(
    '这个 key 解码后是 5 个字节，不是 16 个。Sec-WebSocket-Key 必须是恰好 16 个随机字节的 base64 编码（RFC 6455 §4.1），也就是以 “==” 结尾的 24 个字符。',
  );
  await expect(chinese.getByLabel(text.labels.accept)).toBeHidden();
  // The reader asks for a random key instead, and every step matches node:crypto.
  await chinese.getByRole('button', { name: text.randomKey }).click();
  await expect(chinese.getByRole('alert')).toHaveCount(0);
  const key = await input.inputValue();
  const steps = nodeSteps(key);
  await expect(chinese.getByLabel(new RegExp(`^${text.labels.concatenated.replace(/[.+]/g, '\\$&')}`))).toHaveText(steps.concatenated);
  await expect(chinese.getByLabel(text.labels.sha1)).toHaveText(steps.sha1Hex);
  await expect(chinese.getByLabel(text.labels.accept)).toHaveText(steps.accept);
});
