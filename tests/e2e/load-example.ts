// Loads an example file from examples/ into a page as an ES module, for the specs that run the chapters' examples.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

/**
 * Imports an example file into the page as an ES module and keeps its exports on `window.examples[path]`. The page's
 * Content-Security-Policy forbids module scripts it did not ship, so a spec that calls this uses `bypassCSP`.
 */
export async function loadExample(page: Page, path: string): Promise<void> {
  const source = readFileSync(path, 'utf8');
  await page.evaluate(
    async ({ path, source }) => {
      const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      const w = window as unknown as { examples?: Record<string, unknown> };
      w.examples = { ...w.examples, [path]: await import(url) };
    },
    { path, source },
  );
}
