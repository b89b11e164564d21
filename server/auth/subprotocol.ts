// /ws/auth/subprotocol: a bearer token carried as a subprotocol name, Kubernetes' pattern, next to the real subprotocol it speaks.
import type { IncomingMessage } from 'node:http';
import type { DemoServices, UpgradeDecision } from '../index.ts';
import type { DemoServerOptions } from '../limits.ts';
import { admitToken, welcomeAdmitted } from './welcome.ts';

export const path = '/ws/auth/subprotocol';

/** The credential is checked on HTTP/2's extended CONNECT as on the HTTP/1.1 upgrade. */
export const admitsOnEveryTransport = true;

/** Kubernetes' API server reads a token from an offered name with this prefix, the token in base64url after it. */
export const TOKEN_PROTOCOL_PREFIX = 'base64url.bearer.authorization.k8s.io.';

/**
 * The one name the server answers with. It never answers with the token's name: that would send the token back in
 * the response, and the server must pick a protocol it speaks (RFC 6455 §4.2.2, /subprotocol/).
 */
export const SPOKEN_PROTOCOL = 'demo.auth.v1';
export const subprotocols = [SPOKEN_PROTOCOL] as const;

export function beforeUpgrade(
  request: IncomingMessage,
  _options: DemoServerOptions,
  _ip: string,
  services: DemoServices,
): UpgradeDecision | null {
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((name) => name.trim());
  const carrier = offered.find((name) => name.startsWith(TOKEN_PROTOCOL_PREFIX));
  const token = carrier === undefined ? undefined : Buffer.from(carrier.slice(TOKEN_PROTOCOL_PREFIX.length), 'base64url').toString('utf8');
  return admitToken(request, services, token, `Offer the token as a subprotocol named ${TOKEN_PROTOCOL_PREFIX}<the token in base64url>`);
}

export const onConnection = welcomeAdmitted('subprotocol');

/** The name a client offers for `token` (UTF-8, then base64url without padding, so every character is a token char). */
export function tokenProtocol(token: string): string {
  return TOKEN_PROTOCOL_PREFIX + Buffer.from(token, 'utf8').toString('base64url');
}
