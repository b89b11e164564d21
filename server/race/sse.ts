// GET /race/sse?run=…: one response that stays open, carrying each event as a Server-Sent Events message.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { measureExchange } from './byte-ledger.ts';
import { streamHeaders } from './race-error.ts';
import type { Leg } from './runs.ts';

export const path = '/race/sse';

export function handleSse(request: IncomingMessage, response: ServerResponse, leg: Leg): void {
  leg.exchangeOpened(request.socket);
  measureExchange(request, response, (bytes) => leg.exchangeClosed(bytes));
  leg.start();

  response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', ...streamHeaders(request) });
  // The headers go out now, so EventSource fires `open` before the first event is due.
  response.flushHeaders();

  // After a reconnect, EventSource sends the last id it saw; carry on from there rather than repeat.
  let sent = Number(request.headers['last-event-id']) || 0;
  let ended = false;
  const flush = (): void => {
    for (const event of leg.eventsAfter(sent)) {
      response.write(`id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`);
      sent = event.seq;
    }
    if (leg.over && !ended) {
      ended = true;
      // The page closes the EventSource on this; if the server ended the response instead, EventSource would reconnect.
      response.write(`event: end\ndata: ${leg.events.length}\n\n`);
    }
  };
  const unsubscribe = leg.subscribe(() => {
    flush();
    // The run was ended (its report was made, or it ran out of time): close the stream.
    if (leg.stopped) response.end();
  });
  response.once('close', unsubscribe);
  flush();
}
