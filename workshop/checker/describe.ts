// Words for bytes: how the checker shows requests, responses and frames in its reports and on the step pages.
import type { HttpAnswer } from '../../tests/server/bad-input/raw-client.ts';

const OPCODE_NAMES: Record<number, string> = { 0x0: 'continuation', 0x1: 'text', 0x2: 'binary', 0x8: 'Close', 0x9: 'Ping', 0xa: 'Pong' };

/** Hex bytes with spaces, cut after `limit` bytes with a count of the rest. */
export function spacedHex(bytes: Uint8Array, limit = 24): string {
  const shown = [...bytes.subarray(0, limit)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > limit ? `${shown} … (${bytes.length} bytes)` : shown || '(no bytes)';
}

/** A payload as a reader would want to see it: quoted text when it is short readable UTF-8, else hex. */
export function describePayload(payloadHex: string): string {
  const bytes = Buffer.from(payloadHex, 'hex');
  if (bytes.length === 0) return 'empty';
  const text = bytes.toString('utf8');
  const readable = Buffer.from(text).equals(bytes) && !/[\u0000-\u001f\ufffd]/.test(text);
  if (!readable) return spacedHex(bytes, 16);
  const repeated = /^(.)\1*$/u.test(text) && bytes.length > 8;
  if (repeated) return `${bytes.length} bytes of "${[...text][0]}"`;
  return text.length > 40 ? `"${text.slice(0, 40)}…" (${bytes.length} bytes)` : `"${text}"`;
}

/** A frame the server sent, in words: `text "Hello"`, `Pong (empty)`. */
export function describeFrame(frame: { opcode: number; payload: string }): string {
  const name = OPCODE_NAMES[frame.opcode] ?? `a frame with opcode 0x${frame.opcode.toString(16)}`;
  return frame.payload === '' ? `empty ${name}` : `${name} ${describePayload(frame.payload)}`;
}

/** A Close frame in words: `Close 1002` or `Close with no code`. */
export function describeClose(code: number | null): string {
  return code === null ? 'a Close with no code' : `Close ${code}`;
}

/** An HTTP request as sent, its lines cut when there are many. */
export function describeRequest(lines: string[]): string {
  const shown = lines.length > 10 ? [...lines.slice(0, 8), `… (${lines.length - 8} more lines)`] : lines;
  return shown.map((line) => (line.length > 100 ? `${line.slice(0, 100)}… (${line.length} characters)` : line)).join('\n');
}

/** An HTTP response as the checker read it. */
export function describeResponse(answer: HttpAnswer): string {
  const head = [`HTTP/1.1 ${answer.status}`, ...Object.entries(answer.headers).map(([name, value]) => `${name}: ${value}`)];
  const body = answer.body.trim();
  return body ? `${head.join('\n')}\n\n${body.length > 200 ? `${body.slice(0, 200)}…` : body}` : head.join('\n');
}
