// The demo's HTTP side of authentication: POST /auth/session signs in (a cookie), /auth/ticket and /auth/token hand out credentials.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { demoError, type DemoProtocolError } from '../demo-errors.ts';
import { sendJson, sendText } from '../http-responses.ts';
import type { DemoServerOptions } from '../limits.ts';
import { newReaderName, type CredentialStore } from './credentials.ts';
import { clientGroup } from '../client-address.ts';

export const AUTH_PREFIX = '/auth/';

/** The sign-in cookie's name. */
export const SESSION_COOKIE = 'demo_session';

/**
 * Answers POST /auth/session, /auth/ticket and /auth/token and returns true; any other path returns false. `client` is
 * the client's address (behind TRUSTED_PROXIES, the one the proxy forwarded), for the per-client cap.
 * Tickets and tokens are handed only to a signed-in reader, as a real app hands them only after its own login.
 */
export function handleAuthRequest(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  store: CredentialStore,
  options: DemoServerOptions,
  client: string,
): boolean {
  if (!path.startsWith(AUTH_PREFIX)) return false;
  const route = ROUTES[path.slice(AUTH_PREFIX.length)];
  if (!route) {
    refuse(response, demoError('DEMO_ERR_NO_ENDPOINT', `There is no ${path}; the demo has /auth/session, /auth/ticket and /auth/token.`));
    return true;
  }
  if (request.method !== 'POST') {
    // POST, so a link or an <img> elsewhere cannot sign a reader in or mint a credential.
    const error = demoError('DEMO_ERR_METHOD_NOT_ALLOWED', `${path} takes POST, not ${request.method}.`);
    refuse(response, error, { Allow: 'POST' });
    return true;
  }
  // The body is never read; end it so the connection can carry the next request.
  request.resume();
  route(request, response, store, options, clientGroup(client));
  return true;
}

type Route = (
  request: IncomingMessage,
  response: ServerResponse,
  store: CredentialStore,
  options: DemoServerOptions,
  holder: string,
) => void;

const ROUTES: Record<string, Route> = {
  session(request, response, store, options, holder) {
    const user = newReaderName();
    const session = store.issue('session', user, options.authSessionTtlMs, holder);
    if (typeof session !== 'string') return refuse(response, session);
    sendJson(response, 200, { user, expiresInMs: options.authSessionTtlMs }, { 'Set-Cookie': sessionCookie(request, session, options) });
  },
  ticket: handOut('ticket', (options) => options.authTicketTtlMs),
  token: handOut('token', (options) => options.authTokenTtlMs),
};

/** A route that hands a signed-in reader a new credential of `kind`, valid for the ttl its option gives. */
function handOut(kind: 'ticket' | 'token', ttlOf: (options: DemoServerOptions) => number): Route {
  return (request, response, store, options, holder) => {
    const user = signedInUser(request, store);
    if (user instanceof Error) return refuse(response, user);
    const value = store.issue(kind, user, ttlOf(options), holder);
    if (typeof value !== 'string') return refuse(response, value);
    sendJson(response, 200, { user, [kind]: value, expiresInMs: ttlOf(options) });
  };
}

/**
 * HttpOnly: no script reads it, so an injected script cannot carry it off. SameSite=Strict: a browser leaves it out of
 * cross-site requests; it still sends it from another origin of the same site, which is why the Origin check stays.
 * Secure over TLS, where a plain-HTTP page could not be given it.
 */
function sessionCookie(request: IncomingMessage, value: string, options: DemoServerOptions): string {
  const secure = 'encrypted' in request.socket && request.socket.encrypted ? '; Secure' : '';
  return `${SESSION_COOKIE}=${value}; Path=/; Max-Age=${Math.floor(options.authSessionTtlMs / 1000)}; HttpOnly; SameSite=Strict${secure}`;
}

/** The value of one cookie of the request's Cookie header (RFC 6265 §5.4: "name=value" pairs joined by "; "). */
export function cookieValue(request: IncomingMessage, name: string): string | undefined {
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = pair.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** The signed-in reader's name, or why there is none. */
export function signedInUser(request: IncomingMessage, store: CredentialStore): string | DemoProtocolError {
  const value = cookieValue(request, SESSION_COOKIE);
  if (value === undefined) {
    return demoError('DEMO_ERR_AUTH_MISSING', `The request carries no ${SESSION_COOKIE} cookie: sign in first (POST /auth/session).`);
  }
  const session = store.check('session', value);
  if (!session) {
    return demoError(
      'DEMO_ERR_AUTH_REJECTED',
      `The ${SESSION_COOKIE} cookie is unknown or has expired: sign in again (POST /auth/session).`,
    );
  }
  return session.user;
}

function refuse(response: ServerResponse, error: DemoProtocolError, headers: Record<string, string> = {}): void {
  sendText(response, error.status, `${error.code}: ${error.message}`, headers);
}
