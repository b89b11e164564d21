// What the Reproduce control says about each browser event, kept apart from the DOM so it can be unit-tested.
import { demoSocketUrl } from '../lib/demo-url.ts';
import type { Locale } from '../lib/i18n/locale.ts';
import { REPRODUCE_TEXT } from './reproduce-text.ts';

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
export function describeThrown(error: unknown, locale: Locale): string {
  const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
  return REPRODUCE_TEXT[locale].thrown(name, message.replace(/\.$/, ''));
}

/** Seconds since the reader pressed the button, to the millisecond, so a cut after 5 s reads "5.0xx s". */
export function elapsed(sinceMs: number, nowMs: number, locale: Locale): string {
  return REPRODUCE_TEXT[locale].seconds(((nowMs - sinceMs) / 1000).toFixed(3));
}

/** Which socket of several an entry is about; a control that opens one socket does not number it. */
export function socketLabel(index: number, count: number, locale: Locale): string {
  return count > 1 ? REPRODUCE_TEXT[locale].socketLabel(index + 1) : '';
}

/** The constructor call as the page made it: code, so the same in every language. */
export function describeConnecting(url: string): string {
  return `new WebSocket("${url}")`;
}

export function describeOpen(locale: Locale): string {
  return REPRODUCE_TEXT[locale].open;
}

export function describeMessage(data: unknown, locale: Locale): string {
  const text = REPRODUCE_TEXT[locale];
  if (typeof data === 'string') return text.messageText(new TextEncoder().encode(data).length, data);
  if (data instanceof ArrayBuffer) return text.messageBinary(data.byteLength);
  return text.message;
}

/** The error event has no detail by design (WHATWG HTML, WebSockets: "fire an event named error"). */
export function describeError(locale: Locale): string {
  return REPRODUCE_TEXT[locale].error;
}

export interface CloseFacts {
  code: number;
  reason: string;
  wasClean: boolean;
}

/** A close event in the words of its own fields, then one sentence on what that combination means. */
export function describeClose(event: CloseFacts, everOpened: boolean, locale: Locale): string {
  return REPRODUCE_TEXT[locale].closeFields(event.code, event.wasClean, event.reason) + meaningOfClose(event, everOpened, locale);
}

export function meaningOfClose(event: CloseFacts, everOpened: boolean, locale: Locale): string {
  const meaning = REPRODUCE_TEXT[locale].meaning;
  if (event.code === 1006 && !everOpened) return meaning.neverOpened;
  if (event.code === 1006) return meaning.noCloseFrame;
  if (event.wasClean) return meaning.clean;
  return meaning.unclean;
}
