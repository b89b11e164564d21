// An Astro integration that moves Expressive Code's stylesheet link from the page body into <head>, once per page.
import type { AstroIntegration } from 'astro';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Expressive Code's one stylesheet, as astro-expressive-code writes it (`…/_astro/ec.<hash>.css`, with or without `/>`). */
const CODE_STYLESHEET = /<link rel="stylesheet" href="[^"<>]*\/_astro\/ec\.[\w-]+\.css"\s*\/?>/g;

/**
 * Expressive Code puts its `<link rel="stylesheet">` inside the first code block of each rendered document, so a page
 * with code in its body and in a component has two, both far down the body. When the parser reaches such a link,
 * Chromium restyles the whole document already parsed; on the longest pages that cost most of Lighthouse's total
 * blocking time (bench/README.md). In <head>, after the theme's own stylesheets, the same rules apply in the same
 * cascade order and the page is styled once. Returns the page unchanged when it has no code block.
 */
export function moveCodeStylesheetToHead(html: string): string {
  const links = html.match(CODE_STYLESHEET);
  const headEnd = html.indexOf('</head>');
  if (!links || headEnd === -1) return html;
  const withoutLinks = html.replace(CODE_STYLESHEET, '');
  const at = withoutLinks.indexOf('</head>');
  return `${withoutLinks.slice(0, at)}${links[0]}${withoutLinks.slice(at)}`;
}

/** Must run before precompressIntegration, which copies the finished HTML into `.br` and `.gz` files. */
export function codeStylesheetIntegration(): AstroIntegration {
  return {
    name: 'websocket-workshop:code-stylesheet',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const pages = (await readdir(root, { recursive: true })).filter((file) => file.endsWith('.html'));
        let moved = 0;
        for (const page of pages) {
          const full = path.join(root, page);
          const html = await readFile(full, 'utf8');
          const rewritten = moveCodeStylesheetToHead(html);
          if (rewritten === html) continue;
          await writeFile(full, rewritten);
          moved++;
        }
        logger.info(`Moved the code blocks' stylesheet into <head> on ${moved} page${moved === 1 ? '' : 's'}.`);
      },
    },
  };
}
