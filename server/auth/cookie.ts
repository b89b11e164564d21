// /ws/auth/cookie: the browser's own sign-in cookie proves who connects; the demo server's Origin check keeps other sites out.
import type { IncomingMessage } from 'node:http';
import type { DemoServices, UpgradeDecision } from '../index.ts';
import type { DemoServerOptions } from '../limits.ts';
import { signedInUser } from './http.ts';
import { admit, welcomeAdmitted } from './welcome.ts';

export const path = '/ws/auth/cookie';

/** The credential is checked on HTTP/2's extended CONNECT as on the HTTP/1.1 upgrade. */
export const admitsOnEveryTransport = true;

export function beforeUpgrade(
  request: IncomingMessage,
  _options: DemoServerOptions,
  _ip: string,
  services: DemoServices,
): UpgradeDecision | null {
  const user = signedInUser(request, services.credentials);
  return typeof user === 'string' ? admit(request, user) : { refusal: user };
}

export const onConnection = welcomeAdmitted('cookie');
