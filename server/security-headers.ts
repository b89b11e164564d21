// The security headers of every `npm start` response, with a Content-Security-Policy that allows the built site's own inline scripts
// by hash, and the same headers written for static hosts (a `_headers` file, an nginx snippet) by the build.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A `<script>` element with no src attribute, and its text. Astro and Starlight write them with plain attributes. */
const INLINE_SCRIPT = /<script\b(?![^>]*\ssrc\s*=)[^>]*>([\s\S]*?)<\/script\s*>/gi;

/**
 * The sha256 source expression of every distinct inline script in the site's HTML files (Starlight's theme
 * and sidebar scripts, and the small module scripts Astro inlines). Read once at startup: dist/ does not
 * change under a running server. A browser hashes the script's text exactly as it stands between the tags.
 */
export function inlineScriptHashes(distDir: string): string[] {
  const hashes = new Set<string>();
  for (const file of htmlFiles(distDir)) {
    for (const match of readFileSync(file, 'utf8').matchAll(INLINE_SCRIPT)) {
      hashes.add(`'sha256-${createHash('sha256').update(match[1]!, 'utf8').digest('base64')}'`);
    }
  }
  return [...hashes].sort();
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The origins, in both the HTTP and the WebSocket scheme, of a demo server that lives elsewhere (PUBLIC_DEMO_URL). */
export function demoServerSources(demoUrl: string | undefined): string[] {
  if (!demoUrl?.trim()) return [];
  const url = new URL(demoUrl.trim());
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  return [`${secure ? 'https' : 'http'}://${url.host}`, `${secure ? 'wss' : 'ws'}://${url.host}`];
}

/**
 * - script-src: the site's own files and its inline scripts by hash, nothing else: an injected <script> or
 *   on* attribute does not run. 'wasm-unsafe-eval' lets Pagefind (search) compile its WebAssembly; it allows
 *   no JavaScript eval.
 * - style-src keeps 'unsafe-inline': Starlight and Expressive Code write hundreds of style attributes, which
 *   hashes can only allow with 'unsafe-hashes', one hash per value. Injected CSS cannot run script, and the
 *   site holds no secrets a stylesheet could read out.
 * - connect-src: 'self' covers ws: and wss: to the same host (CSP Level 3), plus a demo server elsewhere.
 * - frame-ancestors 'none' and X-Frame-Options: no page of the workshop is meant to be framed (clickjacking).
 */
export function securityHeaders(scriptHashes: readonly string[], demoSources: readonly string[] = []): Record<string, string> {
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${scriptHashes.join(' ')}`.trimEnd(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${demoSources.join(' ')}`.trimEnd(),
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  };
}

/** Astro fingerprints everything under `_astro/` (below the base path), so those files never change; pages may. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
export const PAGE_CACHE_CONTROL = 'no-cache';

/**
 * The one source of a built site's headers: `npm start` sends these, and the build writes them for static hosts.
 * `demoUrl` is the PUBLIC_DEMO_URL the site was built with, if any.
 */
export function siteHeaders(distDir: string, demoUrl: string | undefined): Record<string, string> {
  return securityHeaders(inlineScriptHashes(distDir), demoServerSources(demoUrl));
}

const GENERATED_NOTE = 'Written by `npm run build` (server/security-headers.ts) for this build only: the script hashes change with it.';

/**
 * The headers in the `_headers` format Netlify and Cloudflare Pages read from the published folder: a URL pattern,
 * then its headers indented. Headers of every rule that matches are combined, so `_astro/` gets both.
 */
export function headersFile(headers: Record<string, string>, base = '/'): string {
  const lines = [`# ${GENERATED_NOTE}`, `${base}*`, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)];
  lines.push(`${base}_astro/*`, `  Cache-Control: ${IMMUTABLE_CACHE_CONTROL}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The headers as nginx `add_header` lines, to `include` in every `server` or `location` block that serves the site:
 * nginx drops a block's inherited add_header lines as soon as the block has one of its own. `always` sends them on
 * error pages too (the 404 page runs Starlight's scripts like any other).
 */
export function nginxHeadersSnippet(headers: Record<string, string>): string {
  const lines = [`# ${GENERATED_NOTE}`];
  for (const [name, value] of Object.entries(headers)) {
    if (/["\\\n]/.test(value)) throw new Error(`${name} holds a character nginx's quoted string cannot: ${value}`);
    lines.push(`add_header ${name} "${value}" always;`);
  }
  return `${lines.join('\n')}\n`;
}
