// What the protocol lab asks for and says about each event, kept apart from the DOM so it can be unit-tested.
import { bytesFromHex, type LabAct, type LabAnnouncement, type LabRequest } from '../lib/demo-messages.ts';
import { demoUnreachable } from '../lib/demo-url.ts';
import { describeDemoError, splitDemoReason } from '../lib/i18n/demo-error-text.ts';
import type { Locale } from '../lib/i18n/locale.ts';
import { PROTOCOL_LAB_TEXT } from './protocol-lab-text.ts';

/** The reader's inputs, as typed. */
export interface LabInputs {
  count: string;
  code: string;
  reason: string;
}

/**
 * The request for an act. Numbers are passed on as typed (or as text when they are not numbers), so the
 * server's refusal explains a bad value in the same words whoever sends it.
 */
export function buildRequest(act: LabAct, inputs: LabInputs): LabRequest | Record<string, unknown> {
  const number = (text: string) => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);
  if (act === 'fragments') return { act, count: number(inputs.count) };
  if (act === 'close') return { act, code: inputs.code.trim() === '' ? null : number(inputs.code), reason: inputs.reason };
  return { act };
}

/**
 * A close event as the WebSocket API reported it. On a Chinese page a refusal the server put in the reason
 * (`DEMO_ERR_…: sentence`) also gets the Chinese sentence for its code.
 */
export function describeCloseEvent(event: { code: number; reason: string; wasClean: boolean }, locale: Locale): string {
  const { code, message } = splitDemoReason(event.reason);
  const reason =
    code === undefined || locale === 'en' ? JSON.stringify(event.reason) : `${code}：${describeDemoError(code, message, locale)}`;
  return PROTOCOL_LAB_TEXT[locale].events.close(event.code, reason, event.wasClean);
}

/** A message event as the page received it. */
export function describeMessageEvent(data: unknown, locale: Locale): string {
  const events = PROTOCOL_LAB_TEXT[locale].events;
  if (typeof data === 'string') return events.text(new TextEncoder().encode(data).length, JSON.stringify(data));
  if (data instanceof ArrayBuffer) return events.binary(data.byteLength);
  return events.message;
}

/** Said after the close event when there is something a reader should know. */
export function explainClose(url: string, everOpened: boolean, code: number, locale: Locale): string | null {
  if (!everOpened) return demoUnreachable(url, locale);
  if (code === 1006) return PROTOCOL_LAB_TEXT[locale].dropped;
  if (code === 1005) return PROTOCOL_LAB_TEXT[locale].noStatus;
  return null;
}

/** A request the lab refused, as its alert shows it: the Chinese sentence for the code on a Chinese page. */
export function describeRefusal(code: string, serverMessage: string, locale: Locale): string {
  return PROTOCOL_LAB_TEXT[locale].refused(describeDemoError(code, serverMessage, locale), code);
}

/**
 * What the lab says about an announced act: the server's own English on an English page; on a Chinese page the same
 * facts in Chinese, read from the announcement itself (how many fragments, which close code is in the frame's body).
 */
export function announcementText(message: LabAnnouncement, locale: Locale): { description: string; notes: string[] } {
  const chinese = PROTOCOL_LAB_TEXT[locale].announcements;
  if (!chinese) return { description: message.description, notes: message.frames.map((frame) => frame.note) };
  const facts = { count: message.frames.length, code: message.act === 'close' ? closeCodeOf(message.frames[0]?.hex) : null };
  return {
    description: chinese.description(message.act, facts),
    notes: message.frames.map((_frame, index) => chinese.note(message.act, facts, index)),
  };
}

/** The status code in an unmasked server Close frame of at most 125 bytes of body, or null when its body is empty. */
function closeCodeOf(frameHex: string | undefined): number | null {
  const bytes = bytesFromHex(frameHex ?? '');
  return bytes.length >= 4 && (bytes[1]! & 0x7f) >= 2 ? (bytes[2]! << 8) | bytes[3]! : null;
}
