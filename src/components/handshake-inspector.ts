// What the handshake inspector says about a handshake report, kept apart from the DOM so it can be unit-tested.
import type { HandshakeMessage, HandshakeReport } from '../lib/demo-messages.ts';
import { computeAccept } from '../lib/protocol/handshake.ts';
import { demoUnreachable } from '../lib/demo-url.ts';
import type { Locale } from '../lib/i18n/locale.ts';
import { HANDSHAKE_INSPECTOR_TEXT } from './handshake-inspector-text.ts';

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
export async function checkAccept(request: HandshakeMessage, response: HandshakeMessage, locale: Locale): Promise<AcceptCheck | null> {
  const key = headerValue(request, 'Sec-WebSocket-Key');
  const received = headerValue(response, 'Sec-WebSocket-Accept');
  if (key === null || received === null) return null;
  const computed = await computeAccept(key.trim());
  const matches = computed === received;
  const text = HANDSHAKE_INSPECTOR_TEXT[locale];
  const verdict = matches ? text.matches : text.doesNotMatch;
  return { key, computed, received, matches, verdict };
}

/** Why a connection ended before the report arrived, in words a reader can act on. */
export function describeFailure(url: string, everOpened: boolean, code: number, locale: Locale): string {
  if (!everOpened) {
    return demoUnreachable(url, locale);
  }
  return HANDSHAKE_INSPECTOR_TEXT[locale].closedEarly(code);
}

/**
 * Over HTTP/2 there is no key and no accept to check: what the reader should see instead is that the handshake was an
 * extended CONNECT on one stream (RFC 8441 §4, §5). Null for an HTTP/1.1 upgrade.
 */
export function describeHttp2(report: HandshakeReport, locale: Locale): string | null {
  if (!report.http2) return null;
  const text = HANDSHAKE_INSPECTOR_TEXT[locale];
  const { streamId } = report.http2;
  const method = headerValue(report.request, ':method') ?? text.none;
  const protocol = headerValue(report.request, ':protocol') ?? text.none;
  const status = headerValue(report.response, ':status') ?? report.response.startLine.replace(/^:status:\s*/, '');
  return text.http2({ method, protocol, status, streamId });
}
