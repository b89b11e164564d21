// The authentication and CSWSH widgets' logic: the URL, subprotocols and first message of each pattern, and the second origin's link.
import { describe, expect, it } from 'vitest';
import {
  base64url,
  credentialFor,
  shortened,
  socketPlan,
  SPOKEN_PROTOCOL,
  TOKEN_PROTOCOL_PREFIX,
} from '../../src/components/auth-patterns.ts';
import { secondOriginPage } from '../../src/components/cross-site-hijack.ts';
import * as server from '../../server/auth/subprotocol.ts';

const PAGE = 'http://127.0.0.1:4321/security/authentication/#try';

describe('socketPlan', () => {
  it('puts each credential where its endpoint reads it', () => {
    expect(socketPlan('cookie', '', PAGE)).toEqual({ url: 'ws://127.0.0.1:4321/ws/auth/cookie', protocols: [], firstMessage: null });
    expect(socketPlan('ticket', 'T-1', PAGE).url).toBe('ws://127.0.0.1:4321/ws/auth/ticket?ticket=T-1');
    expect(socketPlan('query', 'a b', PAGE).url).toBe('ws://127.0.0.1:4321/ws/auth/query?token=a+b');
    expect(socketPlan('first-message', 'tok', PAGE)).toEqual({
      url: 'ws://127.0.0.1:4321/ws/auth/first-message',
      protocols: [],
      firstMessage: '{"type":"auth","token":"tok"}',
    });
    expect(socketPlan('subprotocol', 'tok', PAGE).protocols).toEqual([`${TOKEN_PROTOCOL_PREFIX}dG9r`, SPOKEN_PROTOCOL]);
    expect(socketPlan('subprotocol-token-only', 'tok', PAGE).protocols).toEqual([`${TOKEN_PROTOCOL_PREFIX}dG9r`]);
  });

  it('offers the name the server reads, with the server its prefix and protocol', () => {
    expect(TOKEN_PROTOCOL_PREFIX).toBe(server.TOKEN_PROTOCOL_PREFIX);
    expect(SPOKEN_PROTOCOL).toBe(server.SPOKEN_PROTOCOL);
    for (const token of ['tok', 'κόσμε', 'a/b+c=']) expect(TOKEN_PROTOCOL_PREFIX + base64url(token)).toBe(server.tokenProtocol(token));
  });

  it('follows the page to wss: over TLS, and PUBLIC_DEMO_URL when set', () => {
    expect(socketPlan('cookie', '', 'https://workshop.example.com/security/').url).toBe('wss://workshop.example.com/ws/auth/cookie');
    expect(socketPlan('cookie', '', PAGE, 'https://demo.example.com').url).toBe('wss://demo.example.com/ws/auth/cookie');
  });

  it('asks for a ticket, a token or nothing', () => {
    expect([credentialFor('cookie'), credentialFor('ticket'), credentialFor('query'), credentialFor('subprotocol')]).toEqual([
      null,
      'ticket',
      'token',
      'token',
    ]);
    expect(shortened('0123456789abcdef')).toBe('01234567…');
    expect(shortened('short')).toBe('short');
  });
});

describe('secondOriginPage', () => {
  it('keeps the host name (the same site), takes the other port, and says where the reader came from', () => {
    expect(secondOriginPage(PAGE, 40123)).toBe(
      `http://127.0.0.1:40123/?from=${encodeURIComponent('http://127.0.0.1:4321/security/authentication/')}`,
    );
    expect(new URL(secondOriginPage('http://localhost:4321/x/', 5)).host).toBe('localhost:5');
    expect(new URL(secondOriginPage('http://[::1]:4321/x/', 5)).host).toBe('[::1]:5');
  });
});
