// What the echo console says about a connection, kept apart from the DOM so it can be unit-tested.
import { hex } from '../lib/protocol/bytes.ts';

export type Direction = 'sent' | 'received' | 'event';

export interface LogEntry {
  direction: Direction;
  /** Wall-clock time as HH:MM:SS.mmm. */
  time: string;
  text: string;
}

/** The names the WebSocket API gives its readyState values, indexed by value. */
export const READY_STATE_NAMES = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'] as const;

export function describeReadyState(readyState: number): string {
  return `${READY_STATE_NAMES[readyState] ?? 'UNKNOWN'} (${readyState})`;
}

export function clockTime(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

const PREVIEW_BYTES = 32;

/** A message as the log shows it: text verbatim, binary as a byte count and its first bytes in hex. */
export function describeMessage(data: string | ArrayBuffer): string {
  if (typeof data === 'string') return `text (${new TextEncoder().encode(data).length} bytes): ${data}`;
  const bytes = new Uint8Array(data);
  const shown = hex(bytes.subarray(0, PREVIEW_BYTES)).replace(/(..)(?!$)/g, '$1 ');
  const more = bytes.length > PREVIEW_BYTES ? ' …' : '';
  return `binary (${bytes.length} bytes): ${shown}${more}`;
}

/** A close event in words, including what 1006 really means to a reader. */
export function describeClose(event: { code: number; reason: string; wasClean: boolean }, everOpened: boolean): string {
  const reason = event.reason ? `, reason "${event.reason}"` : '';
  const summary = `close: code ${event.code}${reason}, wasClean ${event.wasClean}`;
  if (!everOpened)
    return `${summary}. The demo server could not be reached. Is it running? Both \`npm run dev\` and \`npm start\` start it.`;
  if (event.code === 1006) return `${summary}. The connection dropped without a close handshake.`;
  return summary;
}
