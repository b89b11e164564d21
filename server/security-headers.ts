// The security headers of every `npm start` response, with a Content-Security-Policy that allows the built site's own inline scripts by hash.
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
