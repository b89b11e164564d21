// What the protocol lab asks for and says about each event, kept apart from the DOM so it can be unit-tested.
import type { LabAct, LabRequest } from '../lib/demo-messages.ts';
import { demoUnreachable } from '../lib/demo-url.ts';

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

/** A close event as the WebSocket API reported it. */
export function describeCloseEvent(event: { code: number; reason: string; wasClean: boolean }): string {
  return `close: code ${event.code}, reason ${JSON.stringify(event.reason)}, wasClean ${event.wasClean}`;
}

/** A message event as the page received it. */
export function describeMessageEvent(data: unknown): string {
  if (typeof data === 'string') return `message: text (${new TextEncoder().encode(data).length} bytes) ${JSON.stringify(data)}`;
  if (data instanceof ArrayBuffer) return `message: binary (${data.byteLength} bytes)`;
  return 'message';
}

/** Said after the close event when there is something a reader should know. */
export function explainClose(url: string, everOpened: boolean, code: number): string | null {
  if (!everOpened) {
    return demoUnreachable(url);
  }
  if (code === 1006)
    return 'The connection ended without a close handshake; 1006 is never sent on the wire, the browser reports it (§7.1.5, §7.4.1).';
  if (code === 1005)
    return 'The Close frame carried no status code; 1005 is never sent on the wire, the browser reports it (§7.1.5, §7.4.1).';
  return null;
}
