// What the troubleshooting specs share: short /ws/trouble timings for `npm start`, the reader pressing a Reproduce
// control, and the check that a console line or an error the engine produced is one its page quotes.
import { REPRODUCE_TEXT, type ReproduceText } from '../../src/components/reproduce-text.ts';
import { LIMITS, optionsFromEnv, resolveOptions, type DemoServerOptions } from '../../server/limits.ts';
import { expect } from './driver/expect.ts';
import type { Driver, Locator } from './driver/driver.ts';
import { test as journeyTest } from './journey.ts';

/**
 * A journey waits a second where a reader's demo waits five: the idle cut, the drop after open, the split pause. The
 * drop comes a full second after open: at 300 ms, Firefox on a loaded CI machine once reported the close before the
 * open, and the journey saw a failed handshake instead of a cut.
 */
const SHORT_TIMINGS = { troubleIdleCutMs: 1500, troubleDropAfterMs: 1000, troubleSplitDelayMs: 100 } as const;

const TROUBLE_SITE_ENV: Record<string, string> = Object.fromEntries(
  Object.entries(SHORT_TIMINGS).map(([name, value]) => [LIMITS[name as keyof typeof SHORT_TIMINGS].env, String(value)]),
);

/** The options the demo server runs with under those timings, read the way the server reads them. */
export const TROUBLE_OPTIONS: DemoServerOptions = resolveOptions(optionsFromEnv(TROUBLE_SITE_ENV));

/**
 * journey.ts's test with `npm start` on the short timings. Defined once here, not by `test.use` in each spec, so the
 * specs that use it share a worker (one browser, one server) instead of launching their own.
 */
export const troubleTest = journeyTest.extend({ siteEnv: [TROUBLE_SITE_ENV, { scope: 'worker' }] });

/** The reader tabs to a control's Reproduce button and presses Enter; returns the control and its event log. */
export async function pressReproduce(
  page: Driver,
  title: string,
  text: ReproduceText = REPRODUCE_TEXT.en,
): Promise<{ widget: Locator; log: Locator }> {
  const widget = page.getByRole('region', { name: title });
  await widget.getByRole('button', { name: text.reproduce }).focus();
  await page.keyboard.press('Enter');
  return { widget, log: widget.getByRole('log', { name: text.labels.log }) };
}

/** The log's entries without their times (seconds, `s` or 秒), in order. */
export async function entries(log: Locator): Promise<string[]> {
  const texts = await log.locator('li').allTextContents();
  return texts.map((text) => text.replace(/^\d+\.\d{3} (s|秒) /, ''));
}

/**
 * The page quotes each engine's console lines and errors in code blocks, with "…" where the host goes; what the
 * engine wrote must match one of them, so the page's quotes are observations, not guesses. `observed` may list the
 * forms one text can take (with or without a final full stop, as a widget shows it).
 */
export async function expectPageQuotes(page: Driver, observed: string | string[]): Promise<void> {
  const forms = typeof observed === 'string' ? [observed] : observed;
  const quoted = await page.locator('.sl-markdown-content pre .ec-line').allTextContents();
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const patterns = quoted.map((line) => new RegExp(`^${line.split('…').map(escape).join('.*')}$`));
  const matches = forms.some((form) => patterns.some((pattern) => pattern.test(form)));
  expect(matches, `the page quotes ${forms.join(' or ')}`).toBe(true);
}

/** The first console line so far that contains `text`, waited for. */
export async function consoleLineWith(page: Driver, text: string): Promise<string> {
  await page.waitFor(() => page.consoleLines.some((line) => line.includes(text)), `a console line containing ${text}`);
  return page.consoleLines.find((line) => line.includes(text))!;
}

/** How the pages name the engine a sentence was checked in: "Chromium 156", "Firefox 153 ESR" (Debian's firefox-esr). */
export function engineName(page: Driver): string {
  const major = /(\d+)\./.exec(page.adapter.version)![1];
  return page.engine === 'chromium' ? `Chromium ${major}` : `Firefox ${major} ESR`;
}
