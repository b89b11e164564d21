// /ws/auth/ticket?ticket=…: a one-time ticket from POST /auth/ticket opens exactly one connection, within DEMO_AUTH_TICKET_TTL_MS.
import type { IncomingMessage } from 'node:http';
import { demoError } from '../demo-errors.ts';
import type { DemoServices, UpgradeDecision } from '../index.ts';
import type { DemoServerOptions } from '../limits.ts';
import { admit, welcomeAdmitted } from './welcome.ts';

export const path = '/ws/auth/ticket';

/** The credential is checked on HTTP/2's extended CONNECT as on the HTTP/1.1 upgrade. */
export const admitsOnEveryTransport = true;

export function beforeUpgrade(
  request: IncomingMessage,
  _options: DemoServerOptions,
  _ip: string,
  services: DemoServices,
): UpgradeDecision | null {
  const ticket = new URL(request.url ?? '/', 'http://localhost').searchParams.get('ticket') ?? undefined;
  if (ticket === undefined) {
    return { refusal: demoError('DEMO_ERR_AUTH_MISSING', 'Ask POST /auth/ticket for a ticket, then connect with ?ticket=.') };
  }
  // Taken, not checked: a ticket that leaked (into a log, say) after its one use opens nothing.
  const found = services.credentials.take('ticket', ticket);
  if (!found) {
    return {
      refusal: demoError(
        'DEMO_ERR_AUTH_REJECTED',
        'That ticket is unknown, used already or expired: a ticket opens one connection, soon after it was issued.',
      ),
    };
  }
  return admit(request, found.user);
}

export const onConnection = welcomeAdmitted('ticket');
