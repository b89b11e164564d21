// The conformance page in English and in Chinese: the matrices and their explanations speak the page's language,
// with the figures of the recorded runs. Words come from the text table, so a string left in English on the Chinese page fails.
import { readFileSync } from 'node:fs';
import { CLIENT_EXPLANATIONS } from '../../conformance/matrix/client-explanations.ts';
import { explainedCases } from '../../conformance/matrix/explained-cases.ts';
import { EXPLANATIONS } from '../../conformance/matrix/explanations.ts';
import type { ServerSummary } from '../../conformance/matrix/summary.ts';
import { rfcReferences } from '../../conformance/matrix/rfc-references.ts';
import { CONFORMANCE_TEXT } from '../../src/components/conformance-text.ts';
import { expect, test } from './journey.ts';

const PAGES = [
  { path: '/conformance/', lang: 'en', text: CONFORMANCE_TEXT.en },
  { path: '/zh-cn/conformance/', lang: 'zh-CN', text: CONFORMANCE_TEXT['zh-CN'] },
] as const;

/** The recorded runs the pages are built from (read as files: Playwright's loader takes no JSON imports). */
const recorded = (file: string) => JSON.parse(readFileSync(`src/data/conformance/${file}`, 'utf8')) as Record<string, ServerSummary[]>;
const servers = recorded('summary.json').servers!;
const clients = recorded('clients/summary.json').clients!;
const gorilla = servers.find((server) => server.id === 'go-gorilla')!;
const shortKey = EXPLANATIONS.find((explanation) => explanation.id === 'short-key')!;
const chromium1002 = CLIENT_EXPLANATIONS.find((explanation) => explanation.id === 'client-chromium-1002')!;

// Build-time HTML with no script of ours: the engine cannot change it, so one engine checks it, as the page sweep does.
test.skip(({ engine }) => engine !== 'chromium', 'static HTML, checked in Chromium');

for (const { path, lang, text } of PAGES) {
  test(`${path}: the matrices and their explanations speak the page's language`, async ({ driver: page }) => {
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);

    // The reader finds the server matrix by its caption, and gorilla's row in it.
    const serverMatrix = page.getByRole('table', { name: text.caption('servers'), exact: true });
    await expect(serverMatrix.getByRole('columnheader', { name: text.rowHead.servers, exact: true })).toBeVisible();
    await expect(serverMatrix.getByRole('columnheader', { name: text.handshakeColumn, exact: true }).locator('abbr')).toHaveAttribute(
      'title',
      text.categories.h!,
    );
    await expect(serverMatrix.getByRole('columnheader', { name: text.reportColumn, exact: true })).toBeVisible();
    const gorillaRow = serverMatrix.getByRole('row', {
      name: new RegExp(`^${text.library(gorilla.id, gorilla.library).replace(/[./]/g, '\\$&')}`),
    });
    // Its UTF-8 column (category 6): the recorded tally, in words of this language.
    const gorillaCells = await gorillaRow.getByRole('cell').allTextContents();
    expect(gorillaCells).toContain(text.cell(gorilla.categories['6']!));

    // The client matrix below it has its own caption.
    await expect(page.getByRole('table', { name: text.caption('clients'), exact: true })).toBeVisible();

    // An explanation of each matrix: its heading, its sentences with their RFC link, and the cases it covers.
    for (const [explanation, rows] of [
      [shortKey, explainedCases(shortKey, servers)],
      [chromium1002, explainedCases(chromium1002, clients, CLIENT_EXPLANATIONS)],
    ] as const) {
      const words = text.explanation(explanation);
      const section = page.getByRole('region', { name: words.title, exact: true });
      await expect(section.getByRole('heading', { level: 3 })).toHaveText(words.title);
      // The sentences, then the sections they rest on, each a link into its RFC: nothing left in English, no stray space.
      const references = rfcReferences(explanation.rfc);
      const cited = references.map(
        (r, i) => `${i > 0 ? text.rfcReferences.separator : ''}${r.rfcLabel ? `${r.rfcLabel} ` : ''}§${r.section}`,
      );
      await expect(section.getByRole('paragraph')).toHaveText(
        `${words.text}${text.rfcReferences.before}${cited.join('')}${text.rfcReferences.after}`,
      );
      await expect(section.getByRole('link', { name: `§${references[0]!.section}`, exact: true })).toHaveAttribute(
        'href',
        references[0]!.href,
      );
      await expect(section.getByRole('listitem')).toHaveText(
        rows.map((row) => `${text.library(row.server, row.library)}${text.rowSeparator}${text.explainedCases(row.verdict, row.cases)}`),
      );
    }
    expect(page.errors).toEqual([]);
  });
}
