// /ws/race?run=…: the race's WebSocket transport. Each event is one text message; every byte of the connection is counted.
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { DemoServerOptions } from '../limits.ts';
import type { Upgrade } from '../index.ts';
import { measureUpgradedConnection } from './byte-ledger.ts';
import { registryFor } from './runs.ts';

/** Under /ws/ like every WebSocket endpoint, so `astro dev` routes its upgrade and leaves Vite's HMR socket alone. */
export const path = '/ws/race';

export function onConnection(socket: WebSocket, options: DemoServerOptions, request: IncomingMessage, upgrade: Upgrade): void {
  const runId = new URL(request.url ?? '/', 'http://localhost').searchParams.get('run');
  const run = registryFor(options).get(runId);
  if (!run) {
    socket.close(1008, 'There is no race with that run id; start one with POST /race/runs.');
    return;
  }
  const leg = run.legs.websocket;
  leg.exchangeOpened(upgrade.stream);
  measureUpgradedConnection(upgrade.stream, (bytes) => leg.exchangeClosed(bytes));
  leg.start();

  let sent = 0;
  let ended = false;
  const flush = (): void => {
    if (socket.readyState !== socket.OPEN) return;
    for (const event of leg.eventsAfter(sent)) {
      socket.send(JSON.stringify(event));
      sent = event.seq;
    }
    if (leg.over && !ended) {
      ended = true;
      // The page answers this by closing with 1000, so the close handshake is part of what is counted.
      socket.send(JSON.stringify({ end: leg.events.length }));
    }
    if (leg.stopped) socket.close(1001, 'The race is over.');
  };
  const unsubscribe = leg.subscribe(flush);
  socket.once('close', unsubscribe);
  flush();
}
