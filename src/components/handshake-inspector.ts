// What the handshake inspector says about a handshake report, kept apart from the DOM so it can be unit-tested.
import type { HandshakeMessage, HandshakeReport } from '../lib/demo-messages.ts';
import { computeAccept } from '../lib/protocol/handshake.ts';
import { demoUnreachable } from '../lib/demo-url.ts';

/** An HTTP message as text: the start line, then one `Name: value` line per header, in order. */
export function formatHttpMessage(message: HandshakeMessage): string {
  return [message.startLine, ...message.headers.map(([name, value]) => `${name}: ${value}`)].join('\n');
}

/** The first value of a header, matching its name case-insensitively as HTTP does; `null` when absent. */
export function headerValue(message: HandshakeMessage, name: string): string | null {
  const wanted = name.toLowerCase();
  return message.headers.find(([n]) => n.toLowerCase() === wanted)?.[1] ?? null;
}

export interface AcceptCheck {
  key: string;
  /** base64(SHA-1(key + GUID)), computed here. */
  computed: string;
  /** The value the server sent. */
  received: string;
  matches: boolean;
  verdict: string;
}

/** Recomputes Sec-WebSocket-Accept from the request's key (RFC 6455 §4.2.2) and compares it with the response's. */
export async function checkAccept(request: HandshakeMessage, response: HandshakeMessage): Promise<AcceptCheck | null> {
  const key = headerValue(request, 'Sec-WebSocket-Key');
  const received = headerValue(response, 'Sec-WebSocket-Accept');
  if (key === null || received === null) return null;
  const computed = await computeAccept(key.trim());
  const matches = computed === received;
  const verdict = matches
    ? 'matches: the server proved it read this key as a WebSocket server would (§4.2.2).'
    : 'does not match: a browser would fail this connection (§4.1).';
  return { key, computed, received, matches, verdict };
}

/** Why a connection ended before the report arrived, in words a reader can act on. */
export function describeFailure(url: string, everOpened: boolean, code: number): string {
  if (!everOpened) {
    return demoUnreachable(url);
  }
  return `The connection closed (code ${code}) before the server sent its report. Press the button to try again.`;
}

/**
 * Over HTTP/2 there is no key and no accept to check: what the reader should see instead is that the handshake was an
 * extended CONNECT on one stream (RFC 8441 §4, §5). Null for an HTTP/1.1 upgrade.
 */
export function describeHttp2(report: HandshakeReport): string | null {
  if (!report.http2) return null;
  const { streamId } = report.http2;
  const method = headerValue(report.request, ':method') ?? '(none)';
  const protocol = headerValue(report.request, ':protocol') ?? '(none)';
  const status = headerValue(report.response, ':status') ?? report.response.startLine.replace(/^:status:\s*/, '');
  return (
    `Your browser did not upgrade a connection: it sent an extended CONNECT (:method ${method}, :protocol ${protocol}; ` +
    `RFC 8441 §4) as the HEADERS of stream ${streamId} of an HTTP/2 connection, and the server answered ` +
    `:status ${status} on the same stream (§5). There is no Sec-WebSocket-Key and no Sec-WebSocket-Accept: the stream ` +
    `itself is the handshake. Every WebSocket frame of this connection travels as the payload of DATA frames on stream ` +
    `${streamId} (§5).`
  );
}
