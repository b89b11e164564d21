// Every refusal the race endpoints give: a stable DEMO_ERR_RACE_… code, a sentence, and its HTTP status, sent as JSON.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RaceError {
  code: string;
  message: string;
  status: number;
}

export function raceError(code: string, message: string, status: number): RaceError {
  return { code, message, status };
}

/** Lets a page on another origin (PUBLIC_DEMO_URL) read the answer; the race sends no credentials and changes nothing. */
function corsHeaders(request: IncomingMessage): Record<string, string> {
  const origin = request.headers.origin;
  return origin ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
}

export function sendJson(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...corsHeaders(request),
    ...headers,
  });
  response.end(text);
}

export function sendRaceError(
  request: IncomingMessage,
  response: ServerResponse,
  error: RaceError,
  headers: Record<string, string> = {},
): void {
  sendJson(request, response, error.status, { error: { code: error.code, message: error.message } }, headers);
}

/** Headers for a response that stays open (SSE), with the same cross-origin rule as every other race answer. */
export function streamHeaders(request: IncomingMessage): Record<string, string> {
  return corsHeaders(request);
}
