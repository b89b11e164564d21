// The authentication patterns' demo endpoints over real sockets: each admits the signed-in reader, refuses the rest with a reason.
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startDemo } from './demo-harness.ts';
import { closeOf, connectTo, credential, signIn } from './auth-client.ts';
import { echoStillWorks } from './bad-input/raw-client.ts';
import { SPOKEN_PROTOCOL, tokenProtocol } from '../../server/auth/subprotocol.ts';
import { CredentialStore } from '../../server/auth/credentials.ts';

describe('POST /auth/session', () => {
  it('signs the reader in with an HttpOnly, SameSite=Strict cookie, and takes only POST', async () => {
    const { base } = await startDemo();
    const { user, setCookie } = await signIn(base);
    expect(user).toMatch(/^reader-[0-9a-f]{4}$/);
    expect(setCookie).toMatch(/^demo_session=[\w-]{43}; Path=\/; Max-Age=1800; HttpOnly; SameSite=Strict$/);
    const get = await fetch(`http://${base}/auth/session`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(await get.text()).toContain('DEMO_ERR_METHOD_NOT_ALLOWED');
  });

  it('refuses tickets and tokens to a request without the sign-in cookie', async () => {
    const { base } = await startDemo();
    for (const kind of ['ticket', 'token']) {
      const response = await fetch(`http://${base}/auth/${kind}`, { method: 'POST' });
      expect(response.status).toBe(403);
      expect(await response.text()).toMatch(/^DEMO_ERR_AUTH_MISSING: The request carries no demo_session cookie/);
    }
  });

  it('holds at most authMaxCredentials at once: the next is refused with 503, and expired ones make room', async () => {
    const { base } = await startDemo({ authMaxCredentials: 1, authMaxCredentialsPerIp: 5, authSessionTtlMs: 1000 });
    await signIn(base);
    const full = await fetch(`http://${base}/auth/session`, { method: 'POST' });
    expect(full.status).toBe(503);
    expect(await full.text()).toContain('DEMO_ERR_AUTH_FULL');
    let now = 0;
    const store = new CredentialStore(1, 1, () => now);
    expect(typeof store.issue('session', 'a', 10, 'client-a')).toBe('string');
    expect(store.issue('session', 'b', 10, 'client-b')).toMatchObject({ code: 'DEMO_ERR_AUTH_FULL' });
    now = 10;
    expect(typeof store.issue('session', 'b', 10, 'client-b')).toBe('string');
  });

  it('holds at most authMaxCredentialsPerIp for one client, with 429, while another client is still served', async () => {
    const { base } = await startDemo({ authMaxCredentialsPerIp: 2 });
    const { cookie } = await signIn(base);
    await credential(base, 'token', cookie);
    const third = await fetch(`http://${base}/auth/token`, { method: 'POST', headers: { Cookie: cookie } });
    expect(third.status).toBe(429);
    expect(await third.text()).toMatch(/^DEMO_ERR_AUTH_TOO_MANY: This client holds 2 sessions, tickets and tokens/);
    let now = 0;
    const store = new CredentialStore(10, 1, () => now);
    const ticket = store.issue('ticket', 'a', 10, 'client-a') as string;
    expect(store.issue('ticket', 'a', 10, 'client-a')).toMatchObject({ code: 'DEMO_ERR_AUTH_TOO_MANY' });
    expect(typeof store.issue('ticket', 'b', 10, 'client-b')).toBe('string');
    // A used ticket gives its holder's place back.
    expect(store.take('ticket', ticket)?.user).toBe('a');
    expect(typeof store.issue('ticket', 'a', 10, 'client-a')).toBe('string');
  });
});

describe('/ws/auth/cookie', () => {
  it('welcomes the signed-in reader, refuses a handshake without the cookie, and a page from another origin even with it', async () => {
    const { base } = await startDemo();
    const { user, cookie } = await signIn(base);
    const admitted = await connectTo(`ws://${base}/ws/auth/cookie`, { headers: { Cookie: cookie } });
    expect(admitted.opened && admitted.welcome).toEqual({ type: 'welcome', user, via: 'cookie' });
    const anonymous = await connectTo(`ws://${base}/ws/auth/cookie`);
    expect(anonymous).toMatchObject({ opened: false, status: 403, body: expect.stringContaining('carries no demo_session cookie') });
    const elsewhere = await connectTo(`ws://${base}/ws/auth/cookie`, { headers: { Cookie: cookie, Origin: 'http://evil.example' } });
    expect(elsewhere).toMatchObject({ opened: false, status: 403, body: expect.stringContaining('may not connect') });
    const forged = await connectTo(`ws://${base}/ws/auth/cookie`, { headers: { Cookie: 'demo_session=made-up' } });
    expect(forged).toMatchObject({ opened: false, status: 403, body: expect.stringContaining('unknown or has expired') });
    expect(await echoStillWorks(base)).toBe('still serving');
  });
});

describe('/ws/auth/ticket', () => {
  it('opens one connection per ticket: a second use and an expired ticket are refused', async () => {
    const { base } = await startDemo({ authTicketTtlMs: 600 });
    const { user, cookie } = await signIn(base);
    const ticket = await credential(base, 'ticket', cookie);
    // No cookie on the socket: the ticket alone speaks for the reader, as it would on another origin.
    const first = await connectTo(`ws://${base}/ws/auth/ticket?ticket=${ticket}`);
    expect(first.opened && first.welcome).toEqual({ type: 'welcome', user, via: 'ticket' });
    const again = await connectTo(`ws://${base}/ws/auth/ticket?ticket=${ticket}`);
    expect(again).toMatchObject({ opened: false, status: 403, body: expect.stringContaining('used already or expired') });
    const late = await credential(base, 'ticket', cookie);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await connectTo(`ws://${base}/ws/auth/ticket?ticket=${late}`)).toMatchObject({ opened: false, status: 403 });
    expect(await connectTo(`ws://${base}/ws/auth/ticket`)).toMatchObject({
      opened: false,
      status: 403,
      body: expect.stringContaining('?ticket='),
    });
  });
});

describe('/ws/auth/first-message', () => {
  it('welcomes a connection whose first message carries a valid token', async () => {
    const { base } = await startDemo();
    const { user, cookie } = await signIn(base);
    const token = await credential(base, 'token', cookie);
    const ws = new WebSocket(`ws://${base}/ws/auth/first-message`);
    await once(ws, 'open');
    ws.send(JSON.stringify({ type: 'auth', token }));
    const [welcome] = await once(ws, 'message');
    expect(JSON.parse(String(welcome))).toEqual({ type: 'welcome', user, via: 'first-message' });
    ws.send('hello');
    expect(String((await once(ws, 'message'))[0])).toBe('hello');
    ws.close();
  });

  it('closes with 1008 a connection that sends no token before the deadline, or a wrong one', async () => {
    const { base } = await startDemo({ authFirstMessageTimeoutMs: 100 });
    const silent = new WebSocket(`ws://${base}/ws/auth/first-message`);
    const openedAt = Date.now();
    const silentClose = await closeOf(silent);
    expect(silentClose.code).toBe(1008);
    expect(silentClose.reason).toMatch(/^DEMO_ERR_AUTH_DEADLINE: No token within 100 ms/);
    expect(Date.now() - openedAt).toBeLessThan(2000);
    const wrong = new WebSocket(`ws://${base}/ws/auth/first-message`);
    await once(wrong, 'open');
    wrong.send(JSON.stringify({ type: 'auth', token: 'guessed' }));
    const wrongClose = await closeOf(wrong);
    expect(wrongClose).toEqual({ code: 1008, reason: expect.stringMatching(/^DEMO_ERR_AUTH_FIRST_MESSAGE: /) });
    expect(await echoStillWorks(base)).toBe('still serving');
  });
});

describe('/ws/auth/subprotocol', () => {
  it('reads the token from a base64url.bearer.authorization.k8s.io. name and answers with the protocol it speaks, never the token', async () => {
    const { base } = await startDemo();
    const { user, cookie } = await signIn(base);
    const token = await credential(base, 'token', cookie);
    let answered: string | undefined;
    const ws = new WebSocket(`ws://${base}/ws/auth/subprotocol`, [tokenProtocol(token), SPOKEN_PROTOCOL]);
    ws.once('upgrade', (response) => (answered = response.headers['sec-websocket-protocol'] as string | undefined));
    const [welcome] = await once(ws, 'message');
    expect(JSON.parse(String(welcome))).toEqual({ type: 'welcome', user, via: 'subprotocol' });
    expect(answered).toBe(SPOKEN_PROTOCOL);
    expect(ws.protocol).toBe(SPOKEN_PROTOCOL);
    ws.close();
  });

  it('leaves Sec-WebSocket-Protocol out of the 101 when only the token was offered, and a client that offered a protocol then fails', async () => {
    const { base } = await startDemo();
    const { cookie } = await signIn(base);
    const token = await credential(base, 'token', cookie);
    const ws = new WebSocket(`ws://${base}/ws/auth/subprotocol`, [tokenProtocol(token)]);
    const [error] = (await once(ws, 'error')) as [Error];
    // ws's client does what WHATWG asks of browsers when a protocol was requested and none came back.
    expect(error.message).toBe('Server sent no subprotocol');
    const missing = await connectTo(`ws://${base}/ws/auth/subprotocol`, {}, [SPOKEN_PROTOCOL]);
    expect(missing).toMatchObject({ opened: false, status: 403, body: expect.stringContaining('base64url.bearer.authorization.k8s.io.') });
  });
});

describe('/ws/auth/query', () => {
  it('admits a valid token in the query string and refuses a missing or unknown one', async () => {
    const { base } = await startDemo();
    const { user, cookie } = await signIn(base);
    const token = await credential(base, 'token', cookie);
    const admitted = await connectTo(`ws://${base}/ws/auth/query?token=${token}`);
    expect(admitted.opened && admitted.welcome).toEqual({ type: 'welcome', user, via: 'query' });
    expect(await connectTo(`ws://${base}/ws/auth/query?token=nope`)).toMatchObject({ opened: false, status: 403 });
    expect(await connectTo(`ws://${base}/ws/auth/query`)).toMatchObject({ opened: false, status: 403 });
  });
});
