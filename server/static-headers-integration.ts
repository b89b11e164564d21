// An Astro integration that writes npm start's security headers for static hosts into the build: `_headers`
// (Netlify, Cloudflare Pages) and `nginx-headers.conf` (an nginx `include`), with the build's own script hashes.
import type { AstroIntegration } from 'astro';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { headersFile, nginxHeadersSnippet, siteHeaders } from './security-headers.ts';

/** The two files, named as static hosts look for them; both sit at the top of the built folder. */
export const HEADERS_FILE = '_headers';
export const NGINX_HEADERS_FILE = 'nginx-headers.conf';

/**
 * Both files live inside the build rather than beside it: the script hashes belong to this build's HTML, so the
 * headers must travel with it, and a host that reads `_headers` reads it from the published folder. Neither file
 * holds anything a response header does not already show.
 */
export function staticHeadersIntegration(): AstroIntegration {
  let base = '/';
  return {
    name: 'websocket-workshop:static-headers',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const headers = siteHeaders(root, process.env.PUBLIC_DEMO_URL);
        await writeFile(path.join(root, HEADERS_FILE), headersFile(headers, base));
        await writeFile(path.join(root, NGINX_HEADERS_FILE), nginxHeadersSnippet(headers));
        logger.info(`Wrote the security headers for static hosts to ${HEADERS_FILE} and ${NGINX_HEADERS_FILE}.`);
      },
    },
  };
}
