// Every code sample on the site is a file under examples/, and every one of them must be run by some test.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const files = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => !f.includes('node_modules'));
const examples = files('examples').filter((file) => /\.[a-z]+$/.test(file) && !file.endsWith('.md'));
const testSources = files('tests')
  .filter((file) => /\.(ts|js|mjs)$/.test(file) && !file.endsWith('examples-coverage.test.ts'))
  .map((file) => readFileSync(`tests/${file}`, 'utf8'))
  .join('\n');

describe('examples/', () => {
  it.each(examples.map((file) => [file]))('examples/%s is run by a test', (file) => {
    // A test names the file it runs by its path under examples/, e.g. 'examples/browser-api/echo.js'.
    expect(testSources.includes(`examples/${file.replace(/\\/g, '/')}`), `no test under tests/ names examples/${file}`).toBe(true);
  });
});
