// GET /race/short-poll?run=…&after=N: answers at once with every event after N, whether or not there is one.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { measureExchange } from './byte-ledger.ts';
import { sendJson } from './race-error.ts';
import type { Leg } from './runs.ts';

export const path = '/race/short-poll';

export function handleShortPoll(request: IncomingMessage, response: ServerResponse, leg: Leg, after: number): void {
  leg.exchangeOpened(request.socket);
  measureExchange(request, response, (bytes) => leg.exchangeClosed(bytes));
  leg.start();
  const events = leg.eventsAfter(after);
  sendJson(request, response, 200, { events, done: leg.over && after + events.length >= leg.events.length });
}
