// /ws/auth/query?token=…: a bearer token in the URL, the pattern that leaks it into every access log on the way.
import type { IncomingMessage } from 'node:http';
import type { DemoServices, UpgradeDecision } from '../index.ts';
import type { DemoServerOptions } from '../limits.ts';
import { admitToken, welcomeAdmitted } from './welcome.ts';

export const path = '/ws/auth/query';

/** The credential is checked on HTTP/2's extended CONNECT as on the HTTP/1.1 upgrade. */
export const admitsOnEveryTransport = true;

export function beforeUpgrade(
  request: IncomingMessage,
  _options: DemoServerOptions,
  _ip: string,
  services: DemoServices,
): UpgradeDecision | null {
  const token = new URL(request.url ?? '/', 'http://localhost').searchParams.get('token') ?? undefined;
  return admitToken(request, services, token, 'Connect with ?token=');
}

export const onConnection = welcomeAdmitted('query');
