// The transport race: routes /race/* to one module per transport, starts runs and reports what each transport cost.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoServerOptions } from '../limits.ts';
import { noteRequest } from './byte-ledger.ts';
import { serverNow } from './event-source.ts';
import { handleLongPoll, path as longPollPath } from './long-poll.ts';
import { raceError, sendJson, sendRaceError } from './race-error.ts';
import { parseRaceParams, TRANSPORTS } from './race-params.ts';
import { registryFor } from './runs.ts';
import { handleShortPoll, path as shortPollPath } from './short-poll.ts';
import { handleSse, path as ssePath } from './sse.ts';
import * as websocket from './websocket.ts';

export { noteRequest } from './byte-ledger.ts';

/** The race's WebSocket transport, listed with the demo server's other WebSocket endpoints. */
export const socketEndpoint = websocket;

export const RACE_PREFIX = '/race/';

/** The label every figure carries: what was measured, and what was not. */
export const MEASURED_ON = 'HTTP/1.1 on this connection, no TLS';

/**
 * Answers /race/* requests and returns true; returns false for any other path. It sees every request first, so the
 * byte ledger knows where each request starts on a keep-alive connection, race or not.
 */
export function handleRaceRequest(request: IncomingMessage, response: ServerResponse, options: DemoServerOptions, node = ''): boolean {
  noteRequest(request, response);
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith(RACE_PREFIX)) return false;
  const registry = registryFor(options);
  const method = request.method ?? 'GET';

  // The page's clock sync: the page halves the round trip to line up its clock with the server's.
  if (url.pathname === '/race/clock') {
    sendJson(request, response, 200, { now: serverNow() });
    return true;
  }

  if (url.pathname === '/race/runs') {
    if (method !== 'POST') return refuseMethod(request, response, 'POST');
    if (registry.size >= options.raceMaxConcurrentRuns) {
      const message = `The demo server runs at most ${options.raceMaxConcurrentRuns} races at a time; try again in a few seconds.`;
      sendRaceError(request, response, raceError('DEMO_ERR_RACE_BUSY', message, 503), { 'Retry-After': '5' });
      return true;
    }
    const parsed = parseRaceParams(url.searchParams, options);
    if (!parsed.ok) {
      sendRaceError(request, response, parsed.error);
      return true;
    }
    const run = registry.create(parsed.params, node);
    sendJson(request, response, 201, { run: run.id, params: run.params, transports: TRANSPORTS, measuredOn: MEASURED_ON });
    return true;
  }

  const report = /^\/race\/runs\/([\w.-]+)$/.exec(url.pathname);
  if (report) {
    if (method !== 'GET') return refuseMethod(request, response, 'GET');
    const run = registry.get(report[1]!);
    if (!run) return refuseUnknownRun(request, response);
    void registry.finish(run).then((legs) => {
      sendJson(request, response, 200, { run: run.id, params: run.params, measuredOn: MEASURED_ON, legs });
    });
    return true;
  }

  const transport = [shortPollPath, longPollPath, ssePath].find((p) => p === url.pathname);
  if (!transport) {
    const message = `There is no race endpoint at ${url.pathname}. The race uses POST /race/runs, ${shortPollPath}, ${longPollPath}, ${ssePath}, /ws/race and GET /race/runs/{run}.`;
    sendRaceError(request, response, raceError('DEMO_ERR_RACE_NOT_FOUND', message, 404));
    return true;
  }
  if (method !== 'GET') return refuseMethod(request, response, 'GET');
  const run = registry.get(url.searchParams.get('run'));
  if (!run) return refuseUnknownRun(request, response);
  const after = Number(url.searchParams.get('after') ?? 0);
  if (!Number.isInteger(after) || after < 0) {
    sendRaceError(request, response, raceError('DEMO_ERR_RACE_BAD_PARAMETER', '"after" must be a whole number of at least 0.', 400));
    return true;
  }
  if (transport === shortPollPath) handleShortPoll(request, response, run.legs['short-poll'], after);
  else if (transport === longPollPath) handleLongPoll(request, response, run.legs['long-poll'], after);
  else handleSse(request, response, run.legs.sse);
  return true;
}

function refuseMethod(request: IncomingMessage, response: ServerResponse, allowed: string): true {
  const message = `${new URL(request.url ?? '/', 'http://localhost').pathname} answers ${allowed} only.`;
  sendRaceError(request, response, raceError('DEMO_ERR_RACE_METHOD', message, 405), { Allow: allowed });
  return true;
}

function refuseUnknownRun(request: IncomingMessage, response: ServerResponse): true {
  const message = 'There is no race with that run id: it has ended or never started. Start one with POST /race/runs.';
  sendRaceError(request, response, raceError('DEMO_ERR_RACE_UNKNOWN_RUN', message, 404));
  return true;
}
