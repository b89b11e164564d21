// The page sweep's fingerprints and sample (tests/e2e/sweep-record.ts) on a small build made up for the test.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprintBuild, pageFingerprint, samplePages } from '../../tests/e2e/sweep-record.ts';

let dist = '';

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
  writeFileSync(path.join(dist, file), text);
}

const page = (lang: string, body: string, layout = 'data-has-sidebar') =>
  `<!doctype html><html lang="${lang}" ${layout}><main>${body}</main></html>`;

beforeEach(() => {
  dist = mkdtempSync(path.join(tmpdir(), 'sweep-record-'));
  write('index.html', page('en', '<script type="module" src="/_astro/page.A1.js"></script>', 'data-has-hero'));
  write('frames/index.html', page('en', '<ws-frame-workbench></ws-frame-workbench><script src="/_astro/Frame.B2.js"></script>'));
  write('zh-cn/frames/index.html', page('zh-CN', '<ws-frame-workbench></ws-frame-workbench><script src="/_astro/Frame.B2.js"></script>'));
  for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) write(`${name}/index.html`, page('en', `<p>${name}</p>`));
  write('_astro/page.A1.js', 'export const page = 1;');
  write('_astro/Frame.B2.js', 'import { decode } from "./bytes.C3.js"; decode();');
  write('_astro/bytes.C3.js', 'export function decode() {}');
  write('_astro/Other.D4.js', 'export const other = 1;');
  write('_astro/bytes.C3.js.br', 'compressed copy');
  write('pagefind/pagefind-entry.json', '{"version":"1"}');
});

afterEach(() => rmSync(dist, { recursive: true, force: true }));

describe('pageFingerprint', () => {
  it('changes when an asset the page loads changes, however deep, and not for one it does not load', () => {
    const before = fingerprintBuild(dist);
    write('_astro/bytes.C3.js', 'export function decode() { return 1; }');
    expect(pageFingerprint(dist, '/frames/')).not.toBe(before.get('/frames/'));
    expect(pageFingerprint(dist, '/zh-cn/frames/')).not.toBe(before.get('/zh-cn/frames/'));
    expect(pageFingerprint(dist, '/')).toBe(before.get('/'));
  });

  it('changes with the page itself, and not with compressed copies or the search index', () => {
    const before = fingerprintBuild(dist);
    write('a/index.html', page('en', '<p>a, changed</p>'));
    write('_astro/bytes.C3.js.br', 'another compressed copy');
    write('pagefind/pagefind-entry.json', '{"version":"2"}');
    const after = fingerprintBuild(dist);
    expect(after.get('/a/')).not.toBe(before.get('/a/'));
    expect(after.get('/frames/')).toBe(before.get('/frames/'));
    expect(after.get('/')).toBe(before.get('/'));
  });
});

describe('samplePages', () => {
  it('has each widget in each language and each layout, and a few pages more, fewer than all', () => {
    const pages = [...fingerprintBuild(dist).keys()];
    const sample = samplePages(dist, pages);
    expect(sample).toEqual(expect.arrayContaining(['/', '/frames/', '/zh-cn/frames/']));
    expect(sample.length).toBeLessThan(pages.length);
    expect(samplePages(dist, pages)).toEqual(sample);
  });

  it('moves to other extra pages when the build changes', () => {
    const pages = [...fingerprintBuild(dist).keys()];
    const samples = new Set<string>();
    for (let change = 0; change < 8; change++) {
      write('a/index.html', page('en', `<p>a, change ${change}</p>`));
      samples.add(samplePages(dist, pages).join(' '));
    }
    expect(samples.size).toBeGreaterThan(1);
  });
});
