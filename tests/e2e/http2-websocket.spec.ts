// Chromium opens its WebSocket as an RFC 8441 extended CONNECT when npm start serves TLS with HTTP/2, and the demo server's inspector reports that request.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { selfSignedCertificate } from '../server/self-signed-certificate.ts';
import type { HandshakeReport } from '../../src/lib/demo-messages.ts';

/** `npm start` with a throwaway certificate for localhost; resolves with its https origin. */
async function startTlsSite(dir: string) {
  const pem = selfSignedCertificate(dir, 'localhost');
  const child = spawn(process.execPath, ['server/start.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', TLS_CERT: pem.cert, TLS_KEY: pem.key },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /https:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
  return { origin: `https://localhost:${port}`, child };
}

/** The reader's page opens `new WebSocket('wss://…/ws/inspect')` and keeps the server's first report: the handshake as received. */
async function handshakeSeenByServer(page: import('@playwright/test').Page): Promise<HandshakeReport> {
  return page.evaluate(
    () =>
      new Promise<HandshakeReport>((resolve, reject) => {
        const socket = new WebSocket(new URL('/ws/inspect', location.href).href.replace('https:', 'wss:'));
        socket.onmessage = (event) => {
          resolve(JSON.parse(String(event.data)) as HandshakeReport);
          socket.close();
        };
        socket.onerror = () => reject(new Error('The WebSocket failed.'));
      }),
  );
}

test('Chromium sends an extended CONNECT with :protocol websocket, and the inspector shows its pseudo-headers', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ws-workshop-h2-'));
  const site = await startTlsSite(dir);
  // The same Chromium and flags as playwright.config.ts, plus accepting the throwaway certificate.
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--ignore-certificate-errors',
    ],
  });
  try {
    const page = await browser.newPage({ ignoreHTTPSErrors: true });
    await page.goto(`${site.origin}/extensions/`);
    const report = await handshakeSeenByServer(page);
    expect(report.request.startLine).toBe('CONNECT /ws/inspect HTTP/2.0');
    expect(report.request.headers).toEqual(
      expect.arrayContaining([
        [':protocol', 'websocket'],
        [':method', 'CONNECT'],
      ]),
    );
    expect(report.request.headers).toContainEqual(['origin', site.origin]);
    expect(report.response.startLine).toBe(':status: 200');
  } finally {
    await browser.close();
    site.child.kill('SIGTERM');
    await once(site.child, 'exit');
    rmSync(dir, { recursive: true, force: true });
  }
});
