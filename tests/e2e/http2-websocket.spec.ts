// Each engine opens its WebSocket as an RFC 8441 extended CONNECT when npm start serves TLS with HTTP/2, and the demo server's inspector reports that request.
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test as journeyTest, type Driver } from './journey.ts';
import { startTlsSite } from '../server/self-signed-certificate.ts';

// The site is npm start with TLS, for this test alone: a throwaway self-signed certificate, which both engines'
// drivers accept (Chromium's context ignores HTTPS errors, Firefox launches with acceptInsecureCerts).
const test = journeyTest.extend({
  site: async ({ siteBase }, use) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ws-workshop-h2-'));
    try {
      const tlsSite = await startTlsSite(dir);
      try {
        await use({ origin: `https://${tlsSite.authority}`, base: siteBase });
      } finally {
        tlsSite.child.kill('SIGTERM');
        await once(tlsSite.child, 'exit');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

const widget = (page: Driver) => page.getByRole('region', { name: 'Handshake inspector' });

test('the browser sends an extended CONNECT with :protocol websocket, and the handshake inspector shows it as HTTP/2', async ({
  driver: page,
  site,
}) => {
  // The reader opens the handshake chapter over HTTPS and presses the inspector's button.
  await page.goto('/handshake/');
  await widget(page).getByRole('button', { name: 'Connect and inspect' }).click();
  await expect(widget(page).getByRole('status').filter({ hasText: 'Inspected the handshake' })).toBeVisible();
  // The request the server received is the CONNECT's pseudo-headers and fields, as HTTP/2 carried them (RFC 8441 §4).
  const request = (await widget(page).getByRole('figure', { name: 'Request, as the server received it' }).locator('pre').textContent())!;
  const lines = request.split('\n');
  expect(lines[0]).toBe('CONNECT /ws/inspect HTTP/2.0');
  expect(lines).toEqual(
    expect.arrayContaining([':method: CONNECT', ':protocol: websocket', ':scheme: https', ':path: /ws/inspect', `origin: ${site.origin}`]),
  );
  expect(lines.find((line) => /^sec-websocket-key:/i.test(line))).toBeUndefined();
  // The answer is a 200 on the stream, not a 101 (§5).
  await expect(widget(page).getByRole('figure', { name: 'Response, as the server sent it' }).locator('pre')).toHaveText(
    /^:status: 200\s+date: /,
  );
  // The HTTP/2 panel replaces the accept check: the stream's id, odd as every client-initiated stream's, and the DATA frames.
  const stream = widget(page).getByLabel('HTTP/2 stream carrying this WebSocket');
  await expect(stream).toHaveText(/^\d*[13579]$/);
  const streamId = (await stream.textContent())!;
  await expect(widget(page).getByText(`DATA frames on stream ${streamId}`)).toBeVisible();
  await expect(widget(page).getByLabel('Verdict')).toBeHidden();
});
