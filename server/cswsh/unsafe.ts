// /ws/cswsh/unsafe: the cookie endpoint with the Origin check left out, on purpose, so the CSWSH demo can show what that allows.
import type { IncomingMessage } from 'node:http';
import { demoError } from '../demo-errors.ts';
import type { DemoServices, UpgradeDecision } from '../index.ts';
import type { DemoServerOptions } from '../limits.ts';
import { signedInUser } from '../auth/http.ts';
import { admit, welcomeAdmitted } from '../auth/welcome.ts';
import { isLoopbackAddress, isLoopbackHost } from './loopback.ts';

export const path = '/ws/cswsh/unsafe';

/** The credential is checked on HTTP/2's extended CONNECT as on the HTTP/1.1 upgrade. */
export const admitsOnEveryTransport = true;

/** The one endpoint that skips the Origin guard. It exists only with DEMO_SECOND_ORIGIN on (createDemoServer). */
export const skipsOriginCheck = true;

export function beforeUpgrade(
  request: IncomingMessage,
  _options: DemoServerOptions,
  _ip: string,
  services: DemoServices,
): UpgradeDecision | null {
  // The TCP peer itself, never X-Forwarded-For: behind a proxy, the proxy is the peer, and it is refused too.
  if (
    !isLoopbackAddress(request.socket.remoteAddress) ||
    !isLoopbackHost(request.headers.host ?? (request.headers[':authority'] as string | undefined))
  ) {
    return {
      refusal: demoError(
        'DEMO_ERR_NOT_LOOPBACK',
        `${path} has no Origin check, so it answers only this machine (a loopback peer and a loopback Host), and only with DEMO_SECOND_ORIGIN on.`,
      ),
    };
  }
  const user = signedInUser(request, services.credentials);
  services.secondOrigin?.note(request, typeof user === 'string' ? 101 : user.status, typeof user === 'string' ? null : user.code);
  return typeof user === 'string' ? admit(request, user) : { refusal: user };
}

export const onConnection = welcomeAdmitted('cookie without an Origin check');
