// The authentication patterns widget's logic: how each pattern gets its credential and opens its socket, kept apart from the DOM.
import { demoHttpUrl, demoSocketUrl } from '../lib/demo-url.ts';

export type Pattern = 'cookie' | 'ticket' | 'first-message' | 'subprotocol' | 'subprotocol-token-only' | 'query';

/** Kubernetes' prefix for a bearer token carried as a subprotocol name (the token in base64url follows it). */
export const TOKEN_PROTOCOL_PREFIX = 'base64url.bearer.authorization.k8s.io.';
/** The subprotocol /ws/auth/subprotocol speaks and answers with. */
export const SPOKEN_PROTOCOL = 'demo.auth.v1';

/** What a pattern asks of the demo server before its socket: nothing (the cookie goes by itself), a ticket or a token. */
export function credentialFor(pattern: Pattern): 'ticket' | 'token' | null {
  if (pattern === 'cookie') return null;
  return pattern === 'ticket' ? 'ticket' : 'token';
}

/** base64url without padding (RFC 4648 §5) of the UTF-8 bytes, so every character is allowed in a subprotocol name. */
export function base64url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export interface SocketPlan {
  url: string;
  protocols: string[];
  /** The message to send once open, for the first-message pattern. */
  firstMessage: string | null;
}

/** The URL, subprotocols and first message each pattern opens its socket with. */
export function socketPlan(pattern: Pattern, credential: string, pageHref: string, demoBase = ''): SocketPlan {
  const at = (endpoint: string) => new URL(demoSocketUrl(endpoint, pageHref, demoBase));
  const plan = (url: URL, protocols: string[] = [], firstMessage: string | null = null) => ({ url: url.href, protocols, firstMessage });
  switch (pattern) {
    case 'cookie':
      return plan(at('/ws/auth/cookie'));
    case 'ticket': {
      const url = at('/ws/auth/ticket');
      url.searchParams.set('ticket', credential);
      return plan(url);
    }
    case 'first-message':
      return plan(at('/ws/auth/first-message'), [], JSON.stringify({ type: 'auth', token: credential }));
    case 'subprotocol':
      return plan(at('/ws/auth/subprotocol'), [TOKEN_PROTOCOL_PREFIX + base64url(credential), SPOKEN_PROTOCOL]);
    case 'subprotocol-token-only':
      return plan(at('/ws/auth/subprotocol'), [TOKEN_PROTOCOL_PREFIX + base64url(credential)]);
    case 'query': {
      const url = at('/ws/auth/query');
      url.searchParams.set('token', credential);
      return plan(url);
    }
  }
}

/** The demo server's answer to a POST under /auth/, as the widget reports it. */
export type AuthAnswer = { ok: true; value: Record<string, string | number> } | { ok: false; status: number; body: string };

/** POSTs to /auth/session, /auth/ticket or /auth/token; the browser sends and keeps the demo_session cookie by itself. */
export async function postAuth(what: 'session' | 'ticket' | 'token', pageHref: string, demoBase = ''): Promise<AuthAnswer> {
  const response = await fetch(demoHttpUrl(`/auth/${what}`, pageHref, demoBase), { method: 'POST' });
  if (!response.ok) return { ok: false, status: response.status, body: (await response.text()).trim() };
  return { ok: true, value: (await response.json()) as Record<string, string | number> };
}

/** A credential as the log shows it: its start only, since the log is on screen. */
export function shortened(value: string): string {
  return value.length > 12 ? `${value.slice(0, 8)}…` : value;
}
