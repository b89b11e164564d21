// symptom=show-headers: reports the handshake's Origin and Fetch metadata headers, to show what a server can check instead of CORS.
import type { IncomingMessage } from 'node:http';
import type { Symptom } from './symptom.ts';

/** The request headers that tell a server where a browser handshake comes from. */
export const ORIGIN_HEADERS = ['origin', 'sec-fetch-site', 'sec-fetch-mode', 'sec-fetch-dest'] as const;

export function describeOriginHeaders(request: IncomingMessage): string {
  const seen = ORIGIN_HEADERS.map((name) => `${name}: ${request.headers[name] ?? '(not sent)'}`);
  const cookie = request.headers.cookie === undefined ? 'no Cookie header' : 'a Cookie header (not shown)';
  return `The handshake carried ${seen.join('; ')}; and ${cookie}. No Access-Control-* header was asked for or needed.`;
}

export const showHeaders: Symptom = {
  name: 'show-headers',
  onConnection(socket, _options, { request }) {
    socket.send(describeOriginHeaders(request));
    socket.close(1000, 'Headers reported');
  },
};
