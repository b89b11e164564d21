// The debugging page's DevTools claims, checked in Chromium: DevTools' WebSocket view is built from the DevTools protocol's Network.webSocket* events, which a test can read though it cannot screenshot DevTools itself.
import { expect, playwrightPage, test } from './journey.ts';

interface DevToolsEvent {
  event: string;
  detail: string;
}

test(
  'the echo console on the debugging page shows in the DevTools protocol as a handshake and each frame with its opcode, mask and data',
  { tag: '@chromium-only' },
  async ({ driver: page, site }) => {
    await page.goto('/debugging/');
    // What DevTools' Network panel shows for a WebSocket comes from these events of the DevTools protocol.
    const pwPage = playwrightPage(page);
    const cdp = await pwPage.context().newCDPSession(pwPage);
    await cdp.send('Network.enable');
    const seen: DevToolsEvent[] = [];
    cdp.on('Network.webSocketCreated', (e) => seen.push({ event: 'created', detail: e.url }));
    cdp.on('Network.webSocketWillSendHandshakeRequest', (e) =>
      seen.push({
        event: 'handshake request',
        detail: ['Upgrade', 'Sec-WebSocket-Version'].map((name) => `${name}: ${e.request.headers[name]}`).join(', '),
      }),
    );
    cdp.on('Network.webSocketHandshakeResponseReceived', (e) =>
      seen.push({ event: 'handshake response', detail: `${e.response.status} ${e.response.statusText}` }),
    );
    const frame = (direction: string) => (e: { response: { opcode: number; mask: boolean; payloadData: string } }) =>
      seen.push({
        event: `frame ${direction}`,
        detail: `opcode ${e.response.opcode}, mask ${e.response.mask}, data ${e.response.payloadData}`,
      });
    cdp.on('Network.webSocketFrameSent', frame('sent'));
    cdp.on('Network.webSocketFrameReceived', frame('received'));
    cdp.on('Network.webSocketClosed', () => seen.push({ event: 'closed', detail: '' }));

    // The reader presses Connect in the echo console.
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByLabel('readyState')).toHaveText('OPEN (1)');
    // The reader sends "Hello" as text.
    await page.getByLabel('Message', { exact: true }).fill('Hello');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    // The reader sends "Hi" again, as binary.
    await page.getByLabel('Message', { exact: true }).fill('Hi');
    await page.getByLabel("Binary: the text's UTF-8 bytes").check();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByRole('log', { name: 'Message log' }).locator('li[data-direction="received"]')).toHaveCount(2);
    // The reader presses Disconnect.
    await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await expect(page.getByLabel('readyState')).toHaveText('CLOSED (3)');

    const url = new URL('/ws/echo', site.origin).href.replace('http:', 'ws:');
    await expect.poll(() => seen.at(-1)?.event).toBe('closed');
    // Text frames carry their text; binary frames (opcode 2) carry base64: "SGk=" is the bytes of "Hi". Only the
    // browser's own frames are masked. The close frames do not appear as frames at all.
    expect(seen).toEqual([
      { event: 'created', detail: url },
      { event: 'handshake request', detail: 'Upgrade: websocket, Sec-WebSocket-Version: 13' },
      { event: 'handshake response', detail: '101 Switching Protocols' },
      { event: 'frame sent', detail: 'opcode 1, mask true, data Hello' },
      { event: 'frame received', detail: 'opcode 1, mask false, data Hello' },
      { event: 'frame sent', detail: 'opcode 2, mask true, data SGk=' },
      { event: 'frame received', detail: 'opcode 2, mask false, data SGk=' },
      { event: 'closed', detail: '' },
    ]);
  },
);
