// The Chinese edition as a reader meets it: the language picker, search in Chinese, and an untranslated page. The
// untranslated page is the one the split deploy variant is built without (SPLIT_UNTRANSLATED), so Starlight's fallback
// stays tested however many pages the real site has translated.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { Running, startPlainStaticHost } from './deploy-fixture.ts';
import { builtContentText, readVariant, SPLIT_UNTRANSLATED } from './deploy-variants.ts';
import { expect, playwrightPage, siteUrl, test } from './journey.ts';

test('the reader switches a chapter to Chinese with the language picker, and back', async ({ driver: page }) => {
  // Starlight's search fetches its UI module once the page is idle and then draws itself. Leaving the page before
  // that aborts the fetch, which Firefox reports as a page error; a reader who has read a line never sees it.
  const searchReady = () =>
    page.waitFor(
      () => page.evaluate(() => (document.querySelector('#starlight__search')?.childElementCount ?? 0) > 0),
      "Starlight's search has drawn itself",
    );
  await page.goto('/myths/');
  await searchReady();
  // The reader picks 简体中文 in the header's language picker.
  await page.getByRole('combobox', { name: 'Select language' }).first().selectOption({ label: '简体中文' });
  await page.waitFor(() => new URL(page.url()).pathname.endsWith('/zh-cn/myths/'), 'the picker opens /zh-cn/myths/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('误区与错误');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  // The sidebar speaks Chinese too.
  await expect(page.getByRole('link', { name: '术语表', exact: true }).first()).toBeVisible();
  // And the picker, now labelled in Chinese, leads back.
  await searchReady();
  await page.getByRole('combobox', { name: '选择语言' }).first().selectOption({ label: 'English' });
  await page.waitFor(() => new URL(page.url()).pathname.endsWith('/myths/') && !page.url().includes('/zh-cn/'), 'back to /myths/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Myths and mistakes');
  expect(page.errors).toEqual([]);
});

test('search on a Chinese page finds a Chinese term, 掩码, and opens the chapter that explains it', async ({ driver: page }) => {
  await page.goto('/zh-cn/');
  // The reader opens search and types 掩码 (masking).
  await page.getByRole('button', { name: '搜索' }).click();
  const dialog = page.getByRole('dialog', { name: '搜索' });
  await dialog.getByRole('textbox', { name: '搜索' }).fill('掩码');
  const result = dialog.getByRole('link', { name: '帧', exact: true });
  await expect(result).toBeVisible({ timeout: 15_000 });
  await result.click();
  await page.waitFor(() => new URL(page.url()).pathname.endsWith('/zh-cn/frames/'), 'the result opens /zh-cn/frames/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('帧');
  expect(page.errors).toEqual([]);
});

const split = readVariant('split');

/** The split build on a plain static host (port 0): its pages need no demo server here. */
const splitTest = test.extend<{}, { splitHost: string }>({
  splitHost: [
    async ({}, use) => {
      const running = new Running();
      const port = await startPlainStaticHost(running, split.outDir, split.base);
      await use(`http://127.0.0.1:${port}`);
      await running.stop();
    },
    { scope: 'worker' },
  ],
  site: async ({ splitHost }, use) => use({ origin: splitHost, base: split.base }),
});

splitTest('a page not yet translated shows the English, with Starlight’s notice, in the Chinese frame', async ({ driver: page }) => {
  expect(split.omitted, `the split build leaves ${SPLIT_UNTRANSLATED.id} out`).toContain(SPLIT_UNTRANSLATED.id);
  await page.goto(SPLIT_UNTRANSLATED.path);
  await expect(page.getByText('此内容尚不支持你的语言。')).toBeVisible();
  const title = /^title:\s*['"]?([^'"\n]+?)['"]?\s*$/m.exec(
    readFileSync(`src/content/docs${SPLIT_UNTRANSLATED.english.slice(0, -1)}.mdx`, 'utf8'),
  )?.[1];
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title!);
  expect(await page.evaluate(() => document.querySelector('main')?.lang)).toBe('en');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  await expect(page.getByRole('link', { name: '术语表', exact: true }).first()).toBeVisible();
  expect(page.errors).toEqual([]);
});

splitTest(
  'the untranslated copy has exactly the English page’s content, and its Chinese frame passes axe',
  { tag: '@chromium-only' },
  async ({ driver, site }) => {
    const page = playwrightPage(driver);
    await page.goto(siteUrl(site, SPLIT_UNTRANSLATED.path), { waitUntil: 'networkidle' });
    const [here = '', english = ''] = await builtContentText(
      page,
      [SPLIT_UNTRANSLATED.path, SPLIT_UNTRANSLATED.english].map((path) => siteUrl(site, path)),
    );
    expect(here.length).toBeGreaterThan(0);
    expect(here, `${SPLIT_UNTRANSLATED.path} shows the content of ${SPLIT_UNTRANSLATED.english}`).toBe(english);
    // The English content is swept on the English page; here, the frame around it.
    const frame = await new AxeBuilder({ page }).exclude('main .sl-markdown-content').analyze();
    expect(frame.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  },
);
