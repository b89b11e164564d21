// Loads an example file from examples/ into a page, as written, for the specs that run the chapters' examples.
import { readFileSync } from 'node:fs';
import { expect } from './driver/expect.ts';
import type { Driver } from './driver/driver.ts';

/**
 * Runs an example file in the page and keeps its exports on `window.examples[path]`. The site's Content-Security-Policy
 * forbids module scripts the page did not ship, and only Chromium can be told to bypass it, so the file's text is
 * evaluated by the driver (which no page CSP governs) with its `export` keywords taken off. The examples are
 * self-contained files of exported functions, which this checks.
 */
export async function loadExample(page: Driver, path: string): Promise<void> {
  const source = readFileSync(path, 'utf8');
  expect(source, `${path} imports nothing`).not.toMatch(/^\s*import\b/m);
  const names = [...source.matchAll(/^export (?:async )?function\*? ?(\w+)/gm)].map((match) => match[1]!);
  expect(source.match(/^export\b/gm)?.length, `${path}: every export is a function declaration`).toBe(names.length);
  const body = source.replace(/^export (?=(?:async )?function)/gm, '');
  await page.evaluateScript(
    `(() => {\n${body}\nwindow.examples = { ...window.examples, ${JSON.stringify(path)}: { ${names.join(', ')} } };\n})()`,
  );
}
