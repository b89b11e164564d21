// The Content-Security-Policy npm start sends: the built site's inline scripts by hash, and the other security headers;
// and the same headers as the build writes them for static hosts.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  demoServerSources,
  headersFile,
  IMMUTABLE_CACHE_CONTROL,
  inlineScriptHashes,
  nginxHeadersSnippet,
  securityHeaders,
  siteHeaders,
} from '../../server/security-headers.ts';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('inlineScriptHashes', () => {
  it('hashes each distinct inline script in every HTML file, exactly as written, and skips external ones', () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'csp-'));
    mkdirSync(path.join(dist, 'frames'));
    const theme = '\n\twindow.Theme = "dark";\n';
    writeFileSync(path.join(dist, 'index.html'), `<script>${theme}</script><script type="module" src="/_astro/a.js"></script>`);
    writeFileSync(
      path.join(dist, 'frames', 'index.html'),
      `<SCRIPT>${theme}</SCRIPT><script type="module">import "x";</script><script aria-hidden="true">é</script>`,
    );
    writeFileSync(path.join(dist, 'notes.txt'), '<script>not html</script>');
    expect(inlineScriptHashes(dist)).toEqual([sha256(theme), sha256('import "x";'), sha256('é')].sort());
  });
});

describe('securityHeaders', () => {
  it('allows scripts only from the site and by hash, and connections to the site and a separate demo server', () => {
    const headers = securityHeaders(["'sha256-abc='"], demoServerSources('https://demo.example.com/base/'));
    expect(headers['Content-Security-Policy']).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self' https://demo.example.com wss://demo.example.com; worker-src 'self'; object-src 'none'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
    expect(headers).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
    expect(headers['Permissions-Policy']).toContain('camera=()');
  });

  it('maps PUBLIC_DEMO_URL to its HTTP and WebSocket origins, keeping the security of its scheme', () => {
    expect(demoServerSources(undefined)).toEqual([]);
    expect(demoServerSources('')).toEqual([]);
    expect(demoServerSources('ws://127.0.0.1:9000')).toEqual(['http://127.0.0.1:9000', 'ws://127.0.0.1:9000']);
    expect(demoServerSources('wss://demo.example.com')).toEqual(['https://demo.example.com', 'wss://demo.example.com']);
  });
});

describe('the headers written for static hosts', () => {
  const headers = securityHeaders(["'sha256-abc='"], demoServerSources('https://demo.example.com'));

  it('writes a _headers file with every header for every page, and immutable caching for _astro/, under the base', () => {
    const lines = headersFile(headers, '/websocket-workshop/').split('\n');
    expect(lines[0]).toMatch(/^# /);
    expect(lines[1]).toBe('/websocket-workshop/*');
    for (const [name, value] of Object.entries(headers)) expect(lines).toContain(`  ${name}: ${value}`);
    expect(lines.slice(-3)).toEqual(['/websocket-workshop/_astro/*', `  Cache-Control: ${IMMUTABLE_CACHE_CONTROL}`, '']);
    expect(headersFile(headers).split('\n')[1]).toBe('/*');
  });

  it('writes an nginx snippet that sends every header on every response, error pages included', () => {
    const snippet = nginxHeadersSnippet(headers);
    for (const [name, value] of Object.entries(headers)) expect(snippet).toContain(`add_header ${name} "${value}" always;\n`);
    expect(snippet.split('\n').filter((line) => line.startsWith('add_header'))).toHaveLength(Object.keys(headers).length);
    expect(() => nginxHeadersSnippet({ 'X-Test': 'a "quoted" value' })).toThrow(/X-Test/);
  });

  it('takes the same headers npm start sends from the built folder: its inline scripts and PUBLIC_DEMO_URL', () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'csp-'));
    writeFileSync(path.join(dist, 'index.html'), '<script>one()</script>');
    expect(siteHeaders(dist, 'ws://127.0.0.1:9000')).toEqual(
      securityHeaders([sha256('one()')], ['http://127.0.0.1:9000', 'ws://127.0.0.1:9000']),
    );
  });
});
