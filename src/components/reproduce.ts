// What the Reproduce control says about each browser event, kept apart from the DOM so it can be unit-tested.
import { demoSocketUrl } from '../lib/demo-url.ts';

/**
 * The socket URL for one symptom of the trouble endpoint, found as every widget finds the demo server. `scheme`
 * forces `ws:` or `wss:`, for the control that shows what an https: page does with a plain ws: URL.
 */
export function troubleUrl(symptom: string, pageHref: string, demoBase = '', endpoint = '/ws/trouble', scheme?: 'ws:' | 'wss:'): string {
  const url = new URL(demoSocketUrl(endpoint, pageHref, demoBase));
  if (symptom) url.searchParams.set('symptom', symptom);
  if (scheme) url.protocol = scheme;
  return url.href;
}

/** The constructor itself refused (mixed content, a bad URL): the page gets an exception, and no events at all. */
export function describeThrown(error: unknown): string {
  const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
  const said = message ? `: ${message.replace(/\.$/, '')}` : '';
  return `new WebSocket threw ${name}${said}. No socket exists, so no event will follow.`;
}

/** Seconds since the reader pressed the button, to the millisecond, so a cut after 5 s reads "5.0xx s". */
export function elapsed(sinceMs: number, nowMs: number): string {
  return `${((nowMs - sinceMs) / 1000).toFixed(3)} s`;
}

/** Which socket of several an entry is about; a control that opens one socket does not number it. */
export function socketLabel(index: number, count: number): string {
  return count > 1 ? `socket ${index + 1}: ` : '';
}

export function describeConnecting(url: string): string {
  return `new WebSocket("${url}")`;
}

export function describeOpen(): string {
  return 'open';
}

export function describeMessage(data: unknown): string {
  if (typeof data === 'string') return `message (text, ${new TextEncoder().encode(data).length} bytes): ${data}`;
  if (data instanceof ArrayBuffer) return `message (binary, ${data.byteLength} bytes)`;
  return 'message';
}

/** The error event has no detail by design (WHATWG HTML, WebSockets: "fire an event named error"). */
export function describeError(): string {
  return 'error (the event carries no detail; the browser wrote its reason to the DevTools console, which a page cannot read)';
}

export interface CloseFacts {
  code: number;
  reason: string;
  wasClean: boolean;
}

/** A close event in the words of its own fields, then one sentence on what that combination means. */
export function describeClose(event: CloseFacts, everOpened: boolean): string {
  const fields = `close: code ${event.code}, wasClean ${event.wasClean}, reason ${JSON.stringify(event.reason)}`;
  return `${fields}. ${meaningOfClose(event, everOpened)}`;
}

export function meaningOfClose(event: CloseFacts, everOpened: boolean): string {
  if (event.code === 1006 && !everOpened) return 'The handshake failed, so the connection never opened.';
  if (event.code === 1006) return 'The TCP connection ended without a Close frame.';
  if (event.wasClean) return 'Both sides exchanged Close frames: a clean close.';
  return 'The connection closed without completing the close handshake.';
}
