// examples/security/auth-clients.js run as it is shown, on Node's own WHATWG WebSocket, against the demo server's /ws/auth/*.
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { startDemo } from './demo-harness.ts';
import { credential, signIn } from './auth-client.ts';
import * as clients from '../../examples/security/auth-clients.js';
import { base64url } from '../../src/components/auth-patterns.ts';

/** The welcome the server sends a socket it admitted, as the example's socket receives it. */
async function welcomeOf(socket: WebSocket): Promise<{ user: string; via: string }> {
  const [event] = (await once(socket as unknown as EventTarget, 'message')) as [MessageEvent];
  socket.close();
  return JSON.parse(String(event.data));
}

describe('examples/security/auth-clients.js', () => {
  it('opens each pattern as the signed-in reader', async () => {
    const { base } = await startDemo();
    const origin = `ws://${base}`;
    const { user, cookie } = await signIn(base);
    const ticket = await credential(base, 'ticket', cookie);
    const token = await credential(base, 'token', cookie);
    expect(await welcomeOf(clients.connectWithTicket(origin, ticket))).toEqual({ type: 'welcome', user, via: 'ticket' });
    expect(await welcomeOf(clients.connectWithFirstMessage(origin, token))).toEqual({ type: 'welcome', user, via: 'first-message' });
    const subprotocol = clients.connectWithSubprotocol(origin, token);
    expect(await welcomeOf(subprotocol)).toEqual({ type: 'welcome', user, via: 'subprotocol' });
    expect(subprotocol.protocol).toBe('demo.auth.v1');
    expect(await welcomeOf(clients.connectWithQuery(origin, token))).toEqual({ type: 'welcome', user, via: 'query' });
  });

  it('gets the cookie pattern refused without a cookie (Node sends none), with the error and close 1006 a page sees', async () => {
    const { base } = await startDemo();
    const socket = clients.connectWithCookie(`ws://${base}`);
    const events: string[] = [];
    socket.addEventListener('error', () => events.push('error'));
    const [close] = (await once(socket as unknown as EventTarget, 'close')) as [CloseEvent];
    expect(events).toEqual(['error']);
    expect(close.code).toBe(1006);
  });

  it("encodes base64url as the widget does, and as Node's Buffer does", () => {
    for (const text of ['', 'a', 'ab', 'abc', 'κόσμε', '\u{1F600}?>>']) {
      expect(clients.base64url(text)).toBe(Buffer.from(text, 'utf8').toString('base64url'));
      expect(base64url(text)).toBe(Buffer.from(text, 'utf8').toString('base64url'));
    }
  });
});
