// The build step that moves Expressive Code's stylesheet link into <head> (server/code-stylesheet-integration.ts).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeStylesheetIntegration, moveCodeStylesheetToHead } from '../../server/code-stylesheet-integration.ts';

const head = '<head><link rel="stylesheet" href="/_astro/common.AL3V9g4W.css"></head>';
const link = '<link rel="stylesheet" href="/_astro/ec.g845m.css">';
const block = (code: string, stylesheet = link) => `<div class="expressive-code">${stylesheet}<pre>${code}</pre></div>`;

describe('moveCodeStylesheetToHead', () => {
  it('moves the link from the first code block to the end of <head>, after the theme stylesheets', () => {
    const page = `<html>${head}<body><p>Intro</p>${block('ws.send(1)')}</body></html>`;
    expect(moveCodeStylesheetToHead(page)).toBe(
      `<html><head><link rel="stylesheet" href="/_astro/common.AL3V9g4W.css">${link}</head>` +
        '<body><p>Intro</p><div class="expressive-code"><pre>ws.send(1)</pre></div></body></html>',
    );
  });

  it('keeps one link when a page has several, including the self-closing form MDX components write', () => {
    const selfClosing = '<link rel="stylesheet" href="/_astro/ec.g845m.css"/>';
    const page = `<html>${head}<body>${block('a')}<p>More</p>${block('b', selfClosing)}</body></html>`;
    const moved = moveCodeStylesheetToHead(page);
    expect(moved.match(/ec\.g845m\.css/g)).toHaveLength(1);
    expect(moved.indexOf('ec.g845m.css')).toBeLessThan(moved.indexOf('</head>'));
    expect(moved).toContain('<div class="expressive-code"><pre>b</pre></div>');
  });

  it('keeps the base path a site is published under', () => {
    const based = '<link rel="stylesheet" href="/websocket-workshop/_astro/ec.g845m.css">';
    const moved = moveCodeStylesheetToHead(`<html>${head}<body>${block('a', based)}</body></html>`);
    expect(moved).toContain(`${based}</head>`);
  });

  it('leaves a page without code blocks, and code that merely shows such a link, as they are', () => {
    const prose = `<html>${head}<body><p>No code here.</p></body></html>`;
    expect(moveCodeStylesheetToHead(prose)).toBe(prose);
    const shown = `<html>${head}<body><pre>&lt;link rel="stylesheet" href="/_astro/ec.x.css"&gt;</pre></body></html>`;
    expect(moveCodeStylesheetToHead(shown)).toBe(shown);
  });

  it('leaves other stylesheets in the body alone', () => {
    const widget = '<link rel="stylesheet" href="/_astro/LiveCapture.9OuBoy1Y.css">';
    const page = `<html>${head}<body>${widget}${block('a')}</body></html>`;
    expect(moveCodeStylesheetToHead(page)).toContain(`<body>${widget}<div class="expressive-code">`);
  });
});

describe('codeStylesheetIntegration', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'code-stylesheet-'));
    mkdirSync(path.join(dir, 'frames'));
    writeFileSync(path.join(dir, 'index.html'), `<html>${head}<body>${block('a')}${block('b')}</body></html>`);
    writeFileSync(path.join(dir, 'frames', 'index.html'), `<html>${head}<body><p>Prose</p></body></html>`);
    writeFileSync(path.join(dir, 'notes.txt'), link);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('rewrites every built page with code, and only HTML pages', async () => {
    const logged: string[] = [];
    const hook = codeStylesheetIntegration().hooks['astro:build:done'] as (options: unknown) => Promise<void>;
    await hook({ dir: pathToFileURL(`${dir}/`), logger: { info: (line: string) => logged.push(line) } });
    expect(logged).toEqual(["Moved the code blocks' stylesheet into <head> on 1 page."]);
    const page = readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(page.match(/ec\.g845m\.css/g)).toHaveLength(1);
    expect(page).toContain(`${link}</head>`);
    expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe(link);
  });
});
