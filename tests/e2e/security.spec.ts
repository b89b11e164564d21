// The Security pages' widgets in both engines: the CSWSH demo's second origin, and each authentication pattern.
import { expect, test, type Driver } from './journey.ts';
import { readEngineFacts } from './engine-facts.ts';
import { AUTH_PATTERNS_TEXT } from '../../src/components/auth-patterns-text.ts';
import { CROSS_SITE_HIJACK_TEXT } from '../../src/components/cross-site-hijack-text.ts';
import { REPRODUCE_TEXT } from '../../src/components/reproduce-text.ts';
import { DEMO_ERROR_SENTENCES_ZH } from '../../src/lib/i18n/demo-error-text.ts';
import { SECOND_ORIGIN_TEXT } from '../../server/cswsh/second-origin-text.ts';

/** Signs the reader in with the widget's button and returns the name the demo server gave them. */
async function signIn(page: Driver, widget: ReturnType<Driver['getByRole']>, button: string, label = 'Signed in as'): Promise<string> {
  await widget.getByRole('button', { name: button }).click();
  await expect(page.getByLabel(label)).toContainText('reader-');
  return /reader-[0-9a-f]{4}/.exec((await page.getByLabel(label).textContent()) ?? '')![0];
}

test('a page on another origin is refused with the Origin check, and signed in as the reader without it', async ({
  driver: page,
  site,
}) => {
  await page.goto('/security/cross-site-hijacking/');
  expect(await page.sockets()).toEqual([]);
  const widget = page.getByRole('region', { name: 'Cross-site WebSocket hijacking, live' });
  // The reader signs in: the demo server sets its SameSite=Strict cookie.
  const user = await signIn(page, widget, 'Sign in to the demo server');
  // From this page, the same cookie opens the socket: same origin, so the Origin check lets it in.
  await widget.getByRole('button', { name: 'Connect from this page' }).click();
  await expect(page.getByLabel('From this page')).toHaveText(`welcomed as ${user}: same origin, so the Origin check let it in`);
  // The reader follows the link to the other origin's page, which opens its two sockets by itself.
  await widget.getByRole('link', { name: "Open the other origin's page" }).click();
  await expect(page.getByLabel('Verdict')).toHaveText(`Refused with the Origin check; without it, this page was signed in as ${user}.`);
  expect(new URL(page.url()).port).not.toBe(new URL(site.origin).port);
  const guarded = page.getByRole('log', { name: 'With the Origin check' });
  await expect(guarded).toContainText('close: code 1006, wasClean false');
  // The cookie went along although it is SameSite=Strict: the two ports are one site.
  await expect(guarded).toContainText('The demo server answered 403 DEMO_ERR_ORIGIN_NOT_ALLOWED; the sign-in cookie came along: yes.');
  const unsafe = page.getByRole('log', { name: 'Without the Origin check' });
  await expect(unsafe).toContainText(`"user":"${user}"`);
  await expect(unsafe).toContainText('message: Sent by the other origin, as you');
  await expect(unsafe).toContainText('The demo server answered 101 Switching Protocols; the sign-in cookie came along: yes.');
});

test('each authentication pattern welcomes the signed-in reader', async ({ driver: page }) => {
  await page.goto('/security/authentication/');
  const widget = page.getByRole('region', { name: 'Authentication patterns' });
  const log = widget.getByRole('log', { name: 'What happened' });
  // The reader signs in once.
  const user = await signIn(page, widget, 'Sign in');
  const patterns = [
    ['Cookie (and the Origin check)', 'cookie'],
    ['One-time ticket in the URL', 'ticket'],
    ['Token in the first message', 'first-message'],
    ['Token in Sec-WebSocket-Protocol, with a real subprotocol', 'subprotocol'],
    ['Token in the query string', 'query'],
  ] as const;
  for (const [label, via] of patterns) {
    // The reader picks a pattern and presses Connect.
    await widget.getByLabel(label, { exact: true }).check();
    await widget.getByRole('button', { name: 'Connect' }).click();
    await expect(log).toContainText(`{"type":"welcome","user":"${user}","via":"${via}"}`);
    await expect(log).toContainText('close: code 1000, wasClean true');
  }
  // The token alone, with nothing the server may echo: what this engine does was observed in engines.spec.ts.
  await widget.getByLabel('Token in Sec-WebSocket-Protocol alone', { exact: true }).check();
  await widget.getByRole('button', { name: 'Connect' }).click();
  const observed = readEngineFacts()!.engines[page.engine]!.facts['subprotocol-declined']!.page;
  if (observed.some((event) => event.startsWith('open'))) {
    await expect(log).toContainText('open, protocol ""');
    await expect(log).toContainText('this browser opened it anyway, with protocol ""');
    await expect(log).toContainText(`"via":"subprotocol"`);
  } else {
    await expect(log).toContainText('close: code 1006, wasClean false, reason "". The handshake failed, so the connection never opened.');
    await expect(log).toContainText('WHATWG says the browser must fail the connection, and this browser did.');
    await expect(log).not.toContainText('welcome');
  }
});

// The Chinese pages: one lean journey per widget, selected by the Chinese labels, so a string left English fails.
test('在中文页面上：the hijacking demo signs in, connects from this page, and the second origin refuses and then hijacks, all in Chinese', async ({
  driver: page,
}) => {
  const text = CROSS_SITE_HIJACK_TEXT['zh-CN'];
  await page.goto('/zh-cn/security/cross-site-hijacking/');
  const widget = page.getByRole('region', { name: text.title });
  await expect(page.getByLabel(text.labels.secondOrigin)).toHaveText(text.signInFirst);
  const user = await signIn(page, widget, text.signIn, text.labels.signedInAs);
  await expect(page.getByLabel(text.labels.signedInAs)).toHaveText(text.signedIn(user));
  await widget.getByRole('button', { name: text.connect }).click();
  await expect(page.getByLabel(text.labels.fromHere)).toHaveText(text.welcomed(user));
  // The link to the other origin is there, and the status says which port it is on, in Chinese.
  await expect(widget.getByRole('link', { name: text.openOther })).toBeVisible();
  const status = (await page.getByLabel(text.labels.secondOrigin).textContent()) ?? '';
  const port = Number(/\d+/.exec(status)?.[0]);
  expect(status).toBe(text.otherAt(port));
  await expect(widget.getByRole('link', { name: text.openOther })).toHaveAttribute(
    'href',
    new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?from=`),
  );
  // The other origin's page speaks the language of the page the reader came from.
  const other = SECOND_ORIGIN_TEXT['zh-CN'];
  await widget.getByRole('link', { name: text.openOther }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(other.page.heading);
  await expect(page.getByLabel(other.page.verdictLabel)).toHaveText(other.script.hijacked.replace('{user}', user));
  const guarded = page.getByRole('log', { name: other.page.guardedLabel, exact: true });
  await expect(guarded).toContainText(other.script.close.replace('{code}', '1006').replace('{wasClean}', 'false'));
  await expect(page.getByRole('log', { name: other.page.unsafeLabel, exact: true })).toContainText(other.script.sentAsReader);
  await expect(page.getByRole('link', { name: other.page.back })).toHaveAttribute('href', /\/zh-cn\/security\/cross-site-hijacking\/$/);
});

test('在中文页面上：an authentication pattern is refused before sign-in in Chinese, then welcomes the reader', async ({ driver: page }) => {
  const text = AUTH_PATTERNS_TEXT['zh-CN'];
  const events = REPRODUCE_TEXT['zh-CN'];
  await page.goto('/zh-cn/security/authentication/');
  const widget = page.getByRole('region', { name: text.title });
  const log = widget.getByRole('log', { name: text.labels.log });
  // Before signing in, asking for a token is refused: the server's English is kept beside the Chinese sentence.
  await widget.getByLabel(text.patterns['first-message'], { exact: true }).check();
  await widget.getByRole('button', { name: text.connect }).click();
  await expect(log).toContainText(`被拒绝：403。${DEMO_ERROR_SENTENCES_ZH['DEMO_ERR_AUTH_MISSING']}（服务器原文：`);
  const user = await signIn(page, widget, text.signIn, text.labels.signedInAs);
  await widget.getByRole('button', { name: text.connect }).click();
  await expect(log).toContainText(text.sentFirstMessage);
  await expect(log).toContainText(`{"type":"welcome","user":"${user}","via":"first-message"}`);
  await expect(log).toContainText(events.closeFields(1000, true, '') + events.meaning.clean);
});
