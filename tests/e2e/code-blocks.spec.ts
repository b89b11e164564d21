// Long pages draw their paragraphs, tables and code blocks only near the viewport (content-visibility in
// src/styles/site.css). These check what that must not change: the layout, and the keyboard's way into a code block
// that scrolls sideways (src/lib/focusable-wide-code.ts).
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { builtPages } from './deploy-variants.ts';
import { appendStyle, DRAW_EVERYTHING } from './draw-everything.ts';
import { expect, playwrightPage, test, type Driver } from './journey.ts';

const DIST_DIR = process.env.DIST_DIR ?? 'dist';

/** Long pages in both languages, with code blocks, tables, asides and lists whose items hold paragraphs. */
const PAGES = ['/production/', '/zh-cn/writing-a-server/', '/troubleshooting/unexpected-response-code/', '/workshop/07-validation/'];

/** Scrolls down the whole page half a screen at a time, so every element is drawn once, then back to the top. */
function scrollThrough(page: Driver): Promise<void> {
  return page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
      scrollTo(0, y);
      await frame();
    }
    scrollTo(0, 0);
    await frame();
  });
}

/** The height of each element of the page's content, named by its position, tag and first words. */
function contentHeights(page: Driver): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.sl-markdown-content > *')].map(
      (element, index) =>
        `${index} ${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 30)}": ${element.getBoundingClientRect().height.toFixed(1)}`,
    ),
  );
}

test('skipping what is off screen leaves every element of a long page the height it has when everything is drawn', async ({
  driver: page,
}) => {
  for (const path of PAGES) {
    await page.goto(path);
    const skipped = await page.evaluate(
      () =>
        [...document.querySelectorAll('.sl-markdown-content > *')].filter((e) => getComputedStyle(e).contentVisibility === 'auto').length,
    );
    expect(skipped, `${path} lets the browser skip drawing its content`).toBeGreaterThan(5);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await scrollThrough(page);
    const drawnOnce = await contentHeights(page);
    await page.evaluate(appendStyle, DRAW_EVERYTHING);
    expect(drawnOnce, path).toEqual(await contentHeights(page));
  }
});

test('Tab reaches a code block that scrolls sideways before the browser has drawn it, and only blocks that scroll keep the tab stop', async ({
  driver: page,
}) => {
  // First, with everything drawn: which code blocks of the page scroll sideways at this width.
  await page.goto('/production/');
  await page.evaluate(appendStyle, DRAW_EVERYTHING);
  const scrolling = await page.evaluate(() =>
    [...document.querySelectorAll('.expressive-code pre')].flatMap((pre, index) => (pre.scrollWidth > pre.clientWidth ? [index] : [])),
  );
  expect(scrolling.length, 'a code block on /production/ scrolls sideways').toBeGreaterThan(0);
  const target = scrolling.at(-1)!;

  // A fresh load: that block is far below the first screen and not drawn yet.
  await page.goto('/production/');
  const drawn = await page.evaluate(
    (target) => document.querySelectorAll('.expressive-code pre')[target]!.checkVisibility({ contentVisibilityAuto: true }),
    target,
  );
  expect(drawn, 'the block is not drawn yet').toBe(false);

  // The reader is on the last link or button before the block, and presses Tab.
  await page.evaluate((target) => {
    const pre = document.querySelectorAll('.expressive-code pre')[target]!;
    const focusable = [...document.querySelectorAll<HTMLElement>('main a[href], main button, main summary, main [tabindex="0"]')];
    focusable
      .filter((e) => e !== pre && e.compareDocumentPosition(pre) & Node.DOCUMENT_POSITION_FOLLOWING && !pre.contains(e))
      .at(-1)!
      .focus();
  }, target);
  await page.keyboard.press('Tab');
  expect(
    await page.evaluate((target) => document.activeElement === document.querySelectorAll('.expressive-code pre')[target], target),
  ).toBe(true);

  // Once every block has been drawn, Expressive Code's own check has taken the tab stop away from those that fit.
  await scrollThrough(page);
  await page.waitFor(
    () =>
      page.evaluate(() =>
        [...document.querySelectorAll('.expressive-code pre[tabindex]')].every((pre) => pre.scrollWidth > pre.clientWidth),
      ),
    'every code block that keeps tabindex="0" scrolls sideways',
  );
});

test(
  'at 320 px with no JavaScript, every code block that scrolls sideways is already a tab stop, on every page',
  { tag: '@chromium-only' },
  async ({ driver, site }) => {
    test.setTimeout(180_000);
    const withCode = builtPages(DIST_DIR).filter((page) =>
      readFileSync(`${DIST_DIR}${page.endsWith('/') ? `${page}index.html` : page}`, 'utf8').includes('class="expressive-code'),
    );
    expect(withCode.length).toBeGreaterThan(40);
    // Without JavaScript, Expressive Code's check never runs: what the keyboard can reach is what the build wrote.
    const context = await playwrightPage(driver)
      .context()
      .browser()!
      .newContext({ viewport: { width: 320, height: 640 }, javaScriptEnabled: false });
    const page = await context.newPage();
    const unreachable: string[] = [];
    let scrolling = 0;
    for (const path of withCode) {
      await page.goto(new URL(path, site.origin).href);
      await page.evaluate(appendStyle, DRAW_EVERYTHING);
      const blocks = await page.$$eval('.expressive-code pre', (pres) =>
        pres.map((pre) => ({
          scrolls: pre.scrollWidth > pre.clientWidth,
          tabindex: pre.getAttribute('tabindex'),
          text: pre.textContent!.slice(0, 40),
        })),
      );
      scrolling += blocks.filter((block) => block.scrolls).length;
      for (const block of blocks) if (block.scrolls && block.tabindex !== '0') unreachable.push(`${path}: "${block.text}"`);
    }
    await context.close();
    expect(scrolling, 'code blocks that scroll sideways at 320 px').toBeGreaterThan(20);
    expect(unreachable).toEqual([]);
  },
);

test(
  'before Expressive Code\u2019s check runs, the code blocks that are tab stops make no landmarks that repeat',
  { tag: '@chromium-only' },
  async ({ driver, site }) => {
    // The page as the build wrote it: a loaded CI machine once ran axe before Expressive Code's check and found two
    // unnamed code-block regions on /handshake/ (axe's landmark-unique). Blocking its script holds the page there.
    const context = await playwrightPage(driver).context().browser()!.newContext();
    await context.route(/\/_astro\/ec\.[^/]+\.js$/, (route) => route.abort());
    const page = await context.newPage();
    const findings: string[] = [];
    for (const path of ['/handshake/', ...PAGES]) {
      await page.goto(new URL(path, site.origin).href);
      const tabStops = await page.locator('.expressive-code pre[tabindex="0"]').count();
      expect(tabStops, `${path} has several code blocks that are tab stops`).toBeGreaterThan(1);
      const axe = await new AxeBuilder({ page }).withRules(['landmark-unique']).analyze();
      for (const violation of axe.violations) findings.push(`${path}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    }
    await context.close();
    expect(findings).toEqual([]);
  },
);
