// Words for bytes: how the checker shows requests, responses and frames in its reports and on the step pages.
import type { HttpAnswer } from '../../tests/server/bad-input/raw-client.ts';
import { CHECKER_TEXT, type DescribeWords } from './checker-text.ts';

const ENGLISH = CHECKER_TEXT.en.describe;

/** Hex bytes with spaces, cut after `limit` bytes with a count of the rest. */
export function spacedHex(bytes: Uint8Array, limit = 24, words: DescribeWords = ENGLISH): string {
  const shown = [...bytes.subarray(0, limit)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > limit ? words.cutHex(shown, bytes.length) : shown || words.noBytes;
}

/** A payload as a reader would want to see it: quoted text when it is short readable UTF-8, else hex. */
export function describePayload(payloadHex: string, words: DescribeWords = ENGLISH): string {
  const bytes = Buffer.from(payloadHex, 'hex');
  if (bytes.length === 0) return words.emptyPayload;
  const text = bytes.toString('utf8');
  const readable = Buffer.from(text).equals(bytes) && !/[\u0000-\u001f\ufffd]/.test(text);
  if (!readable) return spacedHex(bytes, 16, words);
  const repeated = /^(.)\1*$/u.test(text) && bytes.length > 8;
  if (repeated) return words.repeated(bytes.length, [...text][0]!);
  return text.length > 40 ? words.longText(text.slice(0, 40), bytes.length) : `"${text}"`;
}

/** A frame the server sent, in words: `text "Hello"`, `empty Pong`. */
export function describeFrame(frame: { opcode: number; payload: string }, words: DescribeWords = ENGLISH): string {
  const name = words.opcodeNames[frame.opcode] ?? words.unknownOpcode(frame.opcode.toString(16));
  return frame.payload === '' ? words.emptyFrame(name) : words.frame(name, describePayload(frame.payload, words));
}

/** A Close frame in words: `Close 1002` or `a Close with no code`. */
export function describeClose(code: number | null, words: DescribeWords = ENGLISH): string {
  return code === null ? words.closeWithNoCode : words.close(code);
}

/** An HTTP request as sent, its lines cut when there are many. */
export function describeRequest(lines: string[], words: DescribeWords = ENGLISH): string {
  const shown = lines.length > 10 ? [...lines.slice(0, 8), words.moreLines(lines.length - 8)] : lines;
  return shown.map((line) => (line.length > 100 ? words.longLine(line.slice(0, 100), line.length) : line)).join('\n');
}

/** An HTTP response as the checker read it. */
export function describeResponse(answer: HttpAnswer): string {
  const head = [`HTTP/1.1 ${answer.status}`, ...Object.entries(answer.headers).map(([name, value]) => `${name}: ${value}`)];
  const body = answer.body.trim();
  return body ? `${head.join('\n')}\n\n${body.length > 200 ? `${body.slice(0, 200)}…` : body}` : head.join('\n');
}
