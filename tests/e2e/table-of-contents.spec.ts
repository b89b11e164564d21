// The "On this page" lists with our start-up (src/components/starlight-toc.ts): they watch what Starlight's own
// selectors would, and mark the section a reader scrolls to, in both engines.
import { expect, test, type Driver } from './journey.ts';

/** Long pages with code blocks, widgets, tables and asides between their headings, in both languages. */
const PAGES = ['/writing-a-server/', '/zh-cn/production/', '/browser-api/', '/frames/', '/guides/go/'];

/**
 * Starlight 0.42's own choice of elements to watch (src/components-internals/TableOfContents/starlight-toc.ts in
 * withastro/starlight), run in the page as the oracle for ours.
 */
const STARLIGHT_SELECTORS = (heading: string) =>
  [
    `main :where(${heading})`,
    `main :where(${heading}, .sl-heading-wrapper) ~ *:not(:has(${heading}))`,
    `main .sl-markdown-content > *:not(:has(${heading}))`,
    `main > *:not(:has(${heading}))`,
  ].join();

interface Watched {
  ours: string[];
  starlights: string[];
  isOurs: boolean;
}

/** Describes each element both ways chose, by tag and position, so a difference names the element. */
function compareWatched(page: Driver, selectors: string): Promise<Watched> {
  return page.evaluate((selectors) => {
    const describe = (element: Element) => {
      const all = [...document.querySelectorAll(element.tagName)];
      return `${element.tagName.toLowerCase()}#${element.id || all.indexOf(element)}`;
    };
    const toc = document.querySelector('starlight-toc') as HTMLElement & { blocksToWatch?: (main: Element) => Element[] };
    const main = document.querySelector('main')!;
    return {
      isOurs: typeof toc.blocksToWatch === 'function',
      ours: typeof toc.blocksToWatch === 'function' ? toc.blocksToWatch(main).map(describe) : [],
      starlights: [...document.querySelectorAll(selectors)].map(describe),
    };
  }, selectors);
}

/** The id of the last h2 or h3 before the nth code block of the page, which is the section it belongs to. */
function sectionOfCodeBlock(page: Driver, index: number): Promise<string> {
  return page.evaluate((index) => {
    const element = document.querySelectorAll('main .sl-markdown-content > .expressive-code')[index]!;
    const headings = [...document.querySelectorAll('main .sl-markdown-content :is(h2, h3)[id]')];
    const before = headings.filter((h) => h.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING);
    return before.at(-1)!.id;
  }, index);
}

/** The link each list marks as the section being read: the desktop list's, then the mobile one's (only one shows). */
function currentLinks(page: Driver): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('starlight-toc, mobile-starlight-toc')].map(
      (toc) => toc.querySelector('a[aria-current="true"]')?.getAttribute('href') ?? '',
    ),
  );
}

test('the lists watch the same elements as Starlight would, on long pages in both languages', async ({ driver: page }) => {
  for (const path of PAGES) {
    await page.goto(path);
    const heading = 'h1#_top,:where(h2,h3)[id]';
    const { ours, starlights, isOurs } = await compareWatched(page, STARLIGHT_SELECTORS(heading));
    expect(isOurs, `${path} runs our table of contents`).toBe(true);
    expect(ours.length, path).toBeGreaterThan(10);
    expect(ours, path).toEqual(starlights);
  }
});

test('the lists mark the section a reader scrolls to, including from the middle of a code block', async ({ driver: page }) => {
  await page.goto('/writing-a-server/');

  // The reader scrolls until the fourth code block of the chapter is in the middle of the screen.
  await page.evaluate(() =>
    document.querySelectorAll('main .sl-markdown-content > .expressive-code')[3]!.scrollIntoView({ block: 'center' }),
  );
  const section = await sectionOfCodeBlock(page, 3);
  await expect.poll(() => currentLinks(page)).toEqual([`#${section}`, `#${section}`]);

  // Then back up to a heading further up the page.
  const earlier = await page.evaluate(() => document.querySelectorAll('main .sl-markdown-content h2[id]')[1]!.id);
  await page.evaluate((id) => document.getElementById(id)!.scrollIntoView(), earlier);
  expect(earlier).not.toBe(section);
  await expect.poll(() => currentLinks(page)).toEqual([`#${earlier}`, `#${earlier}`]);
});
