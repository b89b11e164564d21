// The frame workbench on /frames/ and /zh-cn/frames/, used as a reader would, with ws's own Sender as the oracle for the bytes.
import AxeBuilder from '@axe-core/playwright';
import { FRAME_WORKBENCH_TEXT } from '../../src/components/frame-workbench-text.ts';
import { wsFrame } from '../unit/protocol/ws-oracle.ts';
import { expect, playwrightPage, test, type Driver } from './journey.ts';

const workbench = (page: Driver) => page.getByRole('region', { name: 'Frame workbench' });
const bytesBox = (page: Driver) => workbench(page).getByLabel('Frame bytes (hex)');

/** The bytes in the box, however they are laid out. */
async function boxHex(page: Driver): Promise<string> {
  return (await bytesBox(page).inputValue()).replace(/\s+/g, '');
}

async function expectBoxToHold(page: Driver, bytes: Uint8Array): Promise<void> {
  await expect.poll(() => boxHex(page)).toBe(Buffer.from(bytes).toString('hex'));
}

async function expectRuleBroken(page: Driver, rule: string, section: string, closeCode: number): Promise<void> {
  const item = workbench(page).getByRole('listitem').filter({ hasText: rule });
  await expect(item).toContainText(`§${section};`);
  await expect(item).toContainText(new RegExp(`\\b${closeCode}\\b`));
}

async function loadPreset(page: Driver, label: string): Promise<void> {
  await workbench(page).getByLabel('Preset').selectOption({ label });
  await workbench(page).getByRole('button', { name: 'Load preset' }).click();
}

/** The alerts the workbench shows right now; empty ones are hidden placeholders. */
const shownAlerts = (page: Driver) => workbench(page).getByRole('alert').filter({ hasText: /./ });

test.describe('on /frames/', () => {
  test.beforeEach(async ({ driver: page }) => {
    await page.goto('/frames/');
    // The reader scrolls down to the workbench, which loads its code as it comes near.
    await workbench(page).scrollIntoViewIfNeeded();
  });

  test('loads its code only when the reader scrolls near it', async ({ driver }) => {
    // A fresh tab: beforeEach already scrolled this one down, and going to the same URL again would restore
    // that scroll position and load the code at once.
    const page = await driver.newTab();
    const workbenchCode = async () => (await page.resources()).filter((path) => path.includes('/frame-workbench.'));
    await page.goto('/frames/');
    // Give a lazy load every chance to happen on its own before the reader scrolls.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await workbenchCode()).toEqual([]);
    // The reader scrolls down to the workbench.
    await workbench(page).scrollIntoViewIfNeeded();
    await expect(workbench(page)).toContainText('a complete frame that breaks no rule');
    expect(await workbenchCode()).toHaveLength(1);
    await page.close();
  });

  test('starts from the RFC 6455 §5.7 masked "Hello", decoded byte by byte', async ({ driver: page }) => {
    await expect.poll(() => boxHex(page)).toBe('818537fa213d7f9f4d5158');
    await expect(workbench(page)).toContainText('11 bytes from the client (opcode 0x1: Text): a complete frame that breaks no rule.');
    await expect(workbench(page).locator('#fw-frame-3')).toContainText('"Hello"');
  });

  test('builds the same bytes as ws for the fields the reader sets, by keyboard', async ({ driver: page }) => {
    const wb = workbench(page);
    // The reader types a fixed masking key.
    await wb.getByLabel('Masking key (hex)').fill('0xA1 0xB2 0xC3 0xD4');
    // The reader clears FIN with the keyboard: this is the first fragment of a message.
    await wb.getByLabel('FIN').focus();
    await page.keyboard.press('Space');
    await expect(wb.getByLabel('FIN')).not.toBeChecked();
    // The reader picks the Binary opcode from the keyboard.
    await wb.getByLabel('Opcode').focus();
    await page.keyboard.press('ArrowDown');
    await expect(wb.getByLabel('Opcode')).toHaveValue('2');
    // The reader replaces the payload by typing.
    const payload = wb.getByLabel('Payload', { exact: true });
    await payload.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Bytes from the keyboard, ü');

    const key = Uint8Array.from([0xa1, 0xb2, 0xc3, 0xd4]);
    const text = new TextEncoder().encode('Bytes from the keyboard, ü');
    await expectBoxToHold(page, wsFrame(text, { fin: false, rsv1: false, opcode: 0x2, maskingKey: key }));

    // The reader makes a 300-byte payload, which needs the 16-bit length; ws agrees byte for byte.
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('x'.repeat(300));
    await expectBoxToHold(page, wsFrame(new Uint8Array(300).fill(0x78), { fin: false, rsv1: false, opcode: 0x2, maskingKey: key }));
    await expect(wb.locator('#fw-frame-2')).toContainText('300 bytes');

    // The reader switches to the server, which clears the mask as §5.1 wants; ws sends the same unmasked frame.
    await wb.getByLabel('Server', { exact: true }).check();
    await expect(wb.getByLabel('Mask', { exact: true })).not.toBeChecked();
    await expectBoxToHold(page, wsFrame(new Uint8Array(300).fill(0x78), { fin: false, rsv1: false, opcode: 0x2, maskingKey: null }));
    await expect(wb).toContainText('a complete frame that breaks no rule');
  });

  test('decodes a frame ws produced, pasted in any hex style', async ({ driver: page }) => {
    const wb = workbench(page);
    const payload = new TextEncoder().encode('Grüße from ws');
    const fromServer = wsFrame(payload, { fin: true, rsv1: false, opcode: 0x1, maskingKey: null });
    // The reader says the bytes come from the server, then pastes them as uppercase 0x-prefixed hex on two lines.
    await wb.getByLabel('Decode as sent by').selectOption('server');
    const pasted = [...fromServer].map((b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`);
    await bytesBox(page).fill(`${pasted.slice(0, 4).join(' ')}\n${pasted.slice(4).join(', ')}`);
    await expect(wb).toContainText(`${fromServer.length} bytes from the server (opcode 0x1: Text): a complete frame that breaks no rule.`);
    await expect(wb.getByRole('listitem').filter({ hasText: 'payload' }).last()).toContainText('"Grüße from ws"');

    // A masked client frame from ws, colon-separated: the payload comes out unmasked.
    const fromClient = wsFrame(payload, { fin: true, rsv1: false, opcode: 0x1, maskingKey: Uint8Array.from([9, 8, 7, 6]) });
    await wb.getByLabel('Decode as sent by').selectOption('client');
    await bytesBox(page).fill(
      Buffer.from(fromClient)
        .toString('hex')
        .replace(/(..)(?!$)/g, '$1:'),
    );
    await expect(wb).toContainText('a complete frame that breaks no rule');
    await expect(wb.getByRole('listitem').filter({ hasText: 'masking key' })).toContainText('09 08 07 06');
    await expect(wb.getByRole('listitem').filter({ hasText: 'payload' }).last()).toContainText('"Grüße from ws"');
  });

  test('explains each broken preset by the rule it breaks, its section and its close code', async ({ driver: page }) => {
    for (const [preset, rule, section, closeCode] of [
      ['Client frame without a mask', 'unmasked-client-frame', '5.1', 1002],
      ['Reserved opcode 0x3', 'reserved-opcode', '5.2', 1002],
      ['Ping with a 126-byte payload', 'control-frame-too-long', '5.5', 1002],
      ['"Hello" with a 16-bit length', 'non-minimal-length', '5.2', 1002],
      ['Close with a 1-byte payload', 'close-payload-one-byte', '5.5.1', 1002],
      ['Text that is not UTF-8', 'invalid-utf8-text', '5.6', 1007],
    ] as const) {
      // The reader loads a broken frame.
      await loadPreset(page, preset);
      await expectRuleBroken(page, rule, section, closeCode);
      await expect(workbench(page)).toContainText(`send a Close frame with ${closeCode} first`);
    }
    // Loading an RFC example again leaves no rule broken.
    await loadPreset(page, 'Single-frame unmasked text "Hello"');
    await expectBoxToHold(page, Uint8Array.from(Buffer.from('810548656c6c6f', 'hex')));
    await expect(workbench(page).locator('.frame-violations')).toHaveCount(0);
  });

  test('names the rule behind every bad input, marks the input, and recovers when it is fixed', async ({ driver: page }) => {
    const wb = workbench(page);
    const box = bytesBox(page);

    // The reader types a character that is not hex.
    await box.fill('81 05 zz');
    await expect(shownAlerts(page)).toHaveText("The frame bytes: 'z' at position 7 is not a hex digit (0–9, a–f).");
    await expect(box).toHaveAttribute('aria-invalid', 'true');

    // The reader leaves a byte half typed.
    await box.fill('81 05 4');
    await expect(shownAlerts(page)).toContainText('an odd number; every byte is exactly two');

    // The reader stops short of the payload the header announces.
    await wb.getByLabel('Decode as sent by').selectOption('server');
    await box.fill('81 05 48 65');
    await expect(shownAlerts(page)).toHaveText(
      'Incomplete frame: its header announces 7 bytes in all and the box holds 4, so it needs 3 more bytes (§5.2).',
    );

    // Completing the frame clears the alert.
    await box.fill('81 05 48 65 6c 6c 6f');
    await expect(shownAlerts(page)).toHaveCount(0);
    await expect(box).not.toHaveAttribute('aria-invalid');

    // The reader gives a 3-byte masking key.
    const key = wb.getByLabel('Masking key (hex)');
    await key.fill('37 fa 21');
    await expect(shownAlerts(page)).toHaveText('A masking key is exactly 4 bytes, 8 hex digits (§5.2), and this one is 3 bytes.');
    await expect(key).toHaveAttribute('aria-invalid', 'true');
    await key.fill('37 fa 21 3d');
    await expect(key).not.toHaveAttribute('aria-invalid');

    // The reader switches the payload to hex and types something that is not.
    await wb.getByLabel('Hex', { exact: true }).check();
    const payload = wb.getByLabel('Payload', { exact: true });
    await payload.fill('48 6g');
    await expect(shownAlerts(page)).toHaveText("The payload hex: 'g' at position 5 is not a hex digit (0–9, a–f).");
    await expect(payload).toHaveAttribute('aria-invalid', 'true');
    await payload.fill('48 69');
    await expect(payload).not.toHaveAttribute('aria-invalid');
    await expect.poll(() => boxHex(page)).toBe('818237fa213d7f93');
  });

  test('makes a fresh random key on request, and the frame uses it', async ({ driver: page }) => {
    const wb = workbench(page);
    const key = wb.getByLabel('Masking key (hex)');
    // The reader presses Random key.
    await wb.getByRole('button', { name: 'Random key' }).click();
    await expect(key).not.toHaveValue('37 fa 21 3d');
    const keyBytes = Buffer.from((await key.inputValue()).replace(/\s/g, ''), 'hex');
    expect(keyBytes).toHaveLength(4);
    await expectBoxToHold(page, wsFrame(new TextEncoder().encode('Hello'), { fin: true, rsv1: false, opcode: 0x1, maskingKey: keyBytes }));
    // Without a mask there is no key to pick.
    await wb.getByLabel('Mask', { exact: true }).uncheck();
    await expect(key).toBeDisabled();
    await expect(wb.getByRole('button', { name: 'Random key' })).toBeDisabled();
  });

  test('handles the 64 KiB example without flooding the page', async ({ driver: page }) => {
    const wb = workbench(page);
    // The reader loads the RFC's 64 KiB binary frame.
    await loadPreset(page, '64 KiB of binary, 64-bit length');
    await expect(wb).toContainText('65546 bytes from the server (opcode 0x2: Binary): a complete frame that breaks no rule.');
    await expect(wb.locator('#fw-frame-2')).toContainText('65536 bytes');
    await expect(wb.locator('#fw-frame-3')).toContainText('… and 65280 more bytes');
    const frame = wsFrame(
      Uint8Array.from({ length: 65536 }, (_, i) => i & 0xff),
      { fin: true, rsv1: false, opcode: 0x2, maskingKey: null },
    );
    await expectBoxToHold(page, frame);
  });

  test('passes axe with a broken frame explained, light and dark', { tag: '@chromium-only' }, async ({ driver: page }) => {
    // axe, run in light and dark (and more): on a loaded machine it takes longer than a journey's default time.
    test.slow();
    // The reader loads a frame that breaks two rules, so the annotation and its list of violations are both shown.
    await workbench(page).getByLabel('Preset').selectOption({ label: 'Reserved opcode 0x3' });
    await workbench(page).getByRole('button', { name: 'Load preset' }).click();
    await workbench(page).getByLabel('Masking key (hex)').fill('37 fa');
    await expect(workbench(page).getByRole('alert').filter({ hasText: /./ })).toHaveCount(1);
    for (const colorScheme of ['light', 'dark'] as const) {
      // axe and emulateMedia are Playwright's: this test runs in Chromium only.
      await playwrightPage(page).emulateMedia({ colorScheme });
      const results = await new AxeBuilder({ page: playwrightPage(page) })
        .include('section[aria-labelledby="widget-frame-workbench"]')
        .analyze();
      expect(results.violations.map((v) => `${colorScheme}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
  });
});

test('speaks Chinese on /zh-cn/frames/: presets, annotation, broken rule and bad hex all in Chinese', async ({ driver: page }) => {
  const text = FRAME_WORKBENCH_TEXT['zh-CN'];
  await page.goto('/zh-cn/frames/');
  const wb = page.getByRole('region', { name: text.title });
  // The reader scrolls down to the workbench, which decodes the RFC's masked "Hello" as its code arrives.
  await wb.scrollIntoViewIfNeeded();
  await expect(wb).toContainText('来自客户端的 11 字节（操作码 0x1: 文本）：一个完整的帧，没有违反任何规则。');
  // The reader loads a broken preset by its Chinese name.
  await wb.getByLabel(text.labels.preset).selectOption({ label: text.presets['unmasked-client']! });
  await wb.getByRole('button', { name: text.loadPreset }).click();
  await expect.poll(async () => (await wb.getByLabel(text.labels.frameBytes).inputValue()).replace(/\s+/g, '')).toBe('810548656c6c6f');
  const rule = wb.getByRole('listitem').filter({ hasText: 'unmasked-client-frame' });
  await expect(rule).toContainText('客户端发送的一个帧没有掩码，但客户端发送的每一帧都必须加掩码。（§5.1；第 1 字节；');
  await expect(rule).toContainText('以关闭码 1002 使连接失败');
  await expect(wb.locator('#fw-frame-1')).toContainText('无掩码');
  await expect(wb).toContainText('失败之前可以先发送一个带 1002 的 Close 帧（§5.1）');
  // The reader types a character that is not hex.
  await wb.getByLabel(text.labels.frameBytes).fill('81 05 zz');
  await expect(wb.getByRole('alert').filter({ hasText: /./ })).toHaveText("帧字节：第 7 个字符 'z' 不是十六进制数字（0–9、a–f）。");
});
