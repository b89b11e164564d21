// GET /race/long-poll?run=…&after=N: holds the request until there is an event after N, then answers with all of them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { measureExchange } from './byte-ledger.ts';
import { sendJson } from './race-error.ts';
import type { Leg } from './runs.ts';

export const path = '/race/long-poll';

/** The longest a request is held with nothing to say; real servers keep this under proxies' idle timeouts. */
export const LONG_POLL_HOLD_MS = 15_000;

export function handleLongPoll(request: IncomingMessage, response: ServerResponse, leg: Leg, after: number): void {
  leg.exchangeOpened(request.socket);
  measureExchange(request, response, (bytes) => leg.exchangeClosed(bytes));
  leg.start();

  const ready = (): boolean => leg.events.length > after || leg.over;
  const answer = (): void => {
    const events = leg.eventsAfter(after);
    sendJson(request, response, 200, { events, done: leg.over && after + events.length >= leg.events.length });
  };
  if (ready()) return answer();

  let hold: ReturnType<typeof setTimeout> | undefined;
  const finish = (): void => {
    unsubscribe();
    clearTimeout(hold);
    if (!response.headersSent && !response.destroyed) answer();
  };
  const unsubscribe = leg.subscribe(() => {
    if (ready()) finish();
  });
  hold = setTimeout(finish, LONG_POLL_HOLD_MS);
  // The page gave up on this request (or went away): stop waiting, there is no one to answer.
  response.once('close', () => {
    unsubscribe();
    clearTimeout(hold);
  });
}
