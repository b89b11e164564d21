// What the frame workbench computes, apart from the DOM: reading its form and hex, building and decoding frames, presets.
import { annotateFrame, spacedHex, type FrameAnnotation } from '../lib/protocol/annotate-frame.ts';
import { decodeFrame } from '../lib/protocol/decode-frame.ts';
import { encodeFrame, type EncodedFrame, type FrameToEncode } from '../lib/protocol/encode-frame.ts';
import type { LengthEncoding, Sender } from '../lib/protocol/frame.ts';
import { randomMaskingKey } from '../lib/protocol/mask.ts';
import { opcodeInfo } from '../lib/protocol/opcodes.ts';
import { receiverPolicy } from '../lib/protocol/violations.ts';
import type { Locale } from '../lib/i18n/locale.ts';
import { FRAME_WORKBENCH_TEXT } from './frame-workbench-text.ts';

/**
 * The largest frame the decoder takes, in bytes: 1 MiB of hex digits. The protocol allows far more
 * (a 63-bit length, §5.2), but a page that re-reads a bigger box on every keystroke stops responding.
 */
export const MAX_FRAME_BYTES = 512 * 1024;

/** The largest payload the builder takes, in bytes, so that the frame it builds fits in the decoder. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/** How many bytes of one segment the annotation shows as hex; the box above it holds all of them. */
export const SHOWN_SEGMENT_BYTES = 256;

/** How many bytes each line of the built frame's hex holds. */
export const HEX_BYTES_PER_LINE = 16;

export type PayloadMode = 'text' | 'hex';
export type LengthChoice = 'minimal' | Exclude<LengthEncoding, '7-bit'>;

/** The builder's fields as the form holds them: strings exactly as typed. */
export interface BuilderForm {
  fin: boolean;
  rsv1: boolean;
  rsv2: boolean;
  rsv3: boolean;
  /** 0x0–0xF. */
  opcode: number;
  sentBy: Sender;
  masked: boolean;
  /** Hex, as typed; read only when `masked`. */
  maskingKey: string;
  payloadMode: PayloadMode;
  /** Text or hex, as `payloadMode` says. */
  payload: string;
  lengthEncoding: LengthChoice;
}

/** The inputs a problem can be pinned on, so the widget can mark the right one invalid. */
export type BuilderInput = 'masking-key' | 'payload' | 'length-encoding';

export interface InputProblem {
  input: BuilderInput;
  message: string;
}

export type BuildResult =
  { ok: true; fields: FrameToEncode; sender: Sender; encoded: EncodedFrame } | { ok: false; problems: InputProblem[] };

export type HexParse = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

/** Separators a pasted dump may use between bytes: whitespace, colons and commas. */
const TOKEN = /[^\s:,]+/g;
const NOT_HEX_DIGIT = /[^0-9a-f]/iu;

/**
 * Reads hex the way people paste it: `81 05`, `0x81 0x05`, `81:05`, `8105`, any case, over several lines.
 * Each run between separators must hold whole bytes. `what` names the input in messages, which are in `locale`.
 */
export function parseHex(text: string, what?: string, maxBytes = MAX_FRAME_BYTES, locale: Locale = 'en'): HexParse {
  const { hexErrors, inputs } = FRAME_WORKBENCH_TEXT[locale];
  const input = what ?? inputs.hex;
  // A cheap guard before scanning: even with a separator after every digit, this is too much.
  if (text.length > maxBytes * 6) {
    return { ok: false, message: hexErrors.tooManyCharacters(input, text.length, maxBytes) };
  }
  const pieces: string[] = [];
  let digits = 0;
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    const prefixed = /^0x/i.test(match[0]);
    const token = prefixed ? match[0].slice(2) : match[0];
    const tokenStart = start + (prefixed ? 2 : 0);
    const bad = NOT_HEX_DIGIT.exec(token);
    if (bad) {
      return { ok: false, message: hexErrors.notHexDigit(input, bad[0], tokenStart + bad.index + 1) };
    }
    if (token.length === 0) {
      return { ok: false, message: hexErrors.emptyPrefix(input, start + 1) };
    }
    if (token.length % 2 !== 0) {
      return { ok: false, message: hexErrors.oddDigits(input, abbreviate(match[0]), start + 1, token.length) };
    }
    digits += token.length;
    pieces.push(token);
  }
  if (digits / 2 > maxBytes) {
    return { ok: false, message: hexErrors.tooManyBytes(input, digits / 2, maxBytes) };
  }
  const joined = pieces.join('');
  const bytes = new Uint8Array(joined.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (hexValue(joined.charCodeAt(2 * i)) << 4) | hexValue(joined.charCodeAt(2 * i + 1));
  return { ok: true, bytes };
}

/** The value of one hex digit already known to be valid, from its character code. */
function hexValue(code: number): number {
  return code <= 0x39 ? code - 0x30 : (code | 0x20) - 0x57;
}

function abbreviate(token: string): string {
  return token.length > 12 ? `${token.slice(0, 12)}…` : token;
}

/** A fresh masking key from the library's strong random source (§5.3), written as the key input shows it. */
export function randomKeyHex(): string {
  return spacedHex(randomMaskingKey());
}

/** A masking key: exactly 4 bytes (§5.2, §5.3). */
export function parseMaskingKey(text: string, locale: Locale = 'en'): HexParse {
  const wording = FRAME_WORKBENCH_TEXT[locale];
  const parsed = parseHex(text, wording.inputs.maskingKey, MAX_FRAME_BYTES, locale);
  if (!parsed.ok || parsed.bytes.length === 4) return parsed;
  return { ok: false, message: wording.keyLength(parsed.bytes.length) };
}

/** The payload's bytes: text as UTF-8, or hex. */
export function parsePayload(text: string, mode: PayloadMode, locale: Locale = 'en'): HexParse {
  const wording = FRAME_WORKBENCH_TEXT[locale];
  if (mode === 'hex') return parseHex(text, wording.inputs.payloadHex, MAX_PAYLOAD_BYTES, locale);
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > MAX_PAYLOAD_BYTES) {
    return { ok: false, message: wording.payloadTooBig(bytes.length, MAX_PAYLOAD_BYTES) };
  }
  return { ok: true, bytes };
}

/** Builds the frame the form describes, or says (in `locale`) which inputs stop it. */
export function buildFrame(form: BuilderForm, locale: Locale = 'en'): BuildResult {
  const problems: InputProblem[] = [];
  const key = form.masked ? parseMaskingKey(form.maskingKey, locale) : null;
  if (key && !key.ok) problems.push({ input: 'masking-key', message: key.message });
  const payload = parsePayload(form.payload, form.payloadMode, locale);
  if (!payload.ok) problems.push({ input: 'payload', message: payload.message });
  if (payload.ok && form.lengthEncoding === '16-bit' && payload.bytes.length > 0xffff) {
    problems.push({ input: 'length-encoding', message: FRAME_WORKBENCH_TEXT[locale].sixteenBitTooSmall(payload.bytes.length) });
  }
  if (problems.length > 0 || !payload.ok || (key && !key.ok)) return { ok: false, problems };

  const fields: FrameToEncode = {
    fin: form.fin,
    rsv1: form.rsv1,
    rsv2: form.rsv2,
    rsv3: form.rsv3,
    opcode: form.opcode,
    maskingKey: key ? key.bytes : null,
    payload: payload.bytes,
    lengthEncoding: form.lengthEncoding === 'minimal' ? undefined : form.lengthEncoding,
  };
  return { ok: true, fields, sender: form.sentBy, encoded: encodeFrame(fields, { sender: form.sentBy }) };
}

/** Bytes as hex for the decoder's box: pairs separated by spaces, a fixed number to a line. */
export function hexLines(bytes: Uint8Array, perLine = HEX_BYTES_PER_LINE): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += perLine) lines.push(spacedHex(bytes.subarray(i, i + perLine)));
  return lines.join('\n');
}

/** What the decoder shows for the box's contents. */
export type DecoderView =
  | { kind: 'empty'; message: string }
  | { kind: 'error'; message: string }
  | {
      kind: 'frame';
      bytes: Uint8Array;
      annotation: FrameAnnotation;
      /** Why the frame is not whole yet, or `null` when it is. */
      incomplete: string | null;
      /** One sentence on the frame as a whole. */
      summary: string;
    };

/** Decodes the hex in the box as a frame sent by `sender`, and explains it byte by byte, in `locale`. */
export function decodeHexInput(text: string, sender: Sender, locale: Locale = 'en'): DecoderView {
  const wording = FRAME_WORKBENCH_TEXT[locale];
  const parsed = parseHex(text, wording.inputs.frameBytes, MAX_FRAME_BYTES, locale);
  if (!parsed.ok) return { kind: 'error', message: parsed.message };
  const { bytes } = parsed;
  if (bytes.length === 0) return { kind: 'empty', message: wording.empty };
  const annotation = abridgeAnnotation(annotateFrame(bytes, { sender, locale }), SHOWN_SEGMENT_BYTES, locale);
  const decoded = annotation.complete ? null : decodeFrame(bytes, { sender });
  const incomplete = decoded?.status === 'incomplete' ? describeIncomplete(annotation, decoded.bytesNeeded, bytes.length, locale) : null;
  return { kind: 'frame', bytes, annotation, incomplete, summary: summarize(annotation, bytes.length, sender, locale) };
}

/**
 * How many more bytes an incomplete frame needs. Once the header is whole the total is known exactly;
 * before that, only a lower bound is.
 */
function describeIncomplete(annotation: FrameAnnotation, needed: number, have: number, locale: Locale): string {
  const wording = FRAME_WORKBENCH_TEXT[locale];
  const more = needed - have;
  return headerIsWhole(annotation) ? wording.incompleteKnown(needed, have, more) : wording.incompleteHeader(more);
}

/** The header is whole once the length, any extended length, and any masking key are all present. */
function headerIsWhole(annotation: FrameAnnotation): boolean {
  const notes = annotation.segments.flatMap((s) => s.fields);
  const length = notes.find((f) => f.field === 'payload-length');
  const maskBit = notes.find((f) => f.field === 'mask');
  if (!length || !maskBit) return false;
  const needsExtended = Number(length.value) >= 126;
  if (needsExtended && !notes.some((f) => f.field === 'extended-payload-length')) return false;
  return maskBit.bits === '0' || notes.some((f) => f.field === 'masking-key');
}

function summarize(annotation: FrameAnnotation, length: number, sender: Sender, locale: Locale): string {
  const { summary } = FRAME_WORKBENCH_TEXT[locale];
  const opcode = annotation.segments[0]?.fields.find((f) => f.field === 'opcode')?.value;
  const what = summary.what(length, sender, opcode);
  const [first] = annotation.violations;
  if (!first) return annotation.complete ? summary.clean(what) : summary.cleanSoFar(what);
  // §5.1 leaves the close code of a masking error to the receiver (MAY); elsewhere §7.1.7 says it SHOULD send one.
  const closing = first.section === '5.1' ? summary.mayClose(first.closeCode) : summary.shouldClose(first.closeCode);
  // Where the RFC binds only the sender, failing is this decoder's policy, and the summary says so.
  const fails = receiverPolicy(first) ? summary.senderOnly(first.section) : summary.receiverFails(first.section);
  return summary.broken(what, annotation.violations.length, fails, closing);
}

/** Shortens the hex of long segments so a large payload does not flood the page; every byte stays explained. */
export function abridgeAnnotation(annotation: FrameAnnotation, shownBytes: number, locale: Locale = 'en'): FrameAnnotation {
  const segments = annotation.segments.map((segment) => {
    const length = segment.range.end - segment.range.start;
    if (length <= shownBytes) return segment;
    // Each byte is two digits and a space: the first shownBytes bytes end at 3 * shownBytes - 1.
    const hidden = length - shownBytes;
    return { ...segment, hex: `${segment.hex.slice(0, 3 * shownBytes - 1)}${FRAME_WORKBENCH_TEXT[locale].abridged(hidden)}` };
  });
  return { ...annotation, segments };
}

/** An opcode as the builder's select lists it, reserved ones marked. */
export function opcodeLabel(opcode: number, locale: Locale = 'en'): string {
  const info = opcodeInfo(opcode, locale);
  const value = `0x${opcode.toString(16).toUpperCase()}`;
  const wording = FRAME_WORKBENCH_TEXT[locale];
  return info.onWire ? wording.opcodeOnWire(value, info.name, info.kind) : wording.opcodeReserved(value, info.name);
}

/** A preset's words (its label, its group's) are in `FRAME_WORKBENCH_TEXT`, under its id and group. */
export interface Preset {
  id: string;
  group: 'rfc' | 'broken';
  readonly form: BuilderForm;
}

/** The groups in the order the select shows them. */
export const PRESET_GROUPS: readonly Preset['group'][] = ['rfc', 'broken'];

/** The §5.7 masking key, used by every masked preset so their bytes match the RFC's. */
const RFC_KEY = '37 fa 21 3d';

const BASE: BuilderForm = {
  fin: true,
  rsv1: false,
  rsv2: false,
  rsv3: false,
  opcode: 0x1,
  sentBy: 'server',
  masked: false,
  maskingKey: RFC_KEY,
  payloadMode: 'text',
  payload: 'Hello',
  lengthEncoding: 'minimal',
};

const client: Partial<BuilderForm> = { sentBy: 'client', masked: true };

/** `count` bytes counting up from 00 and wrapping, as hex: stand-in binary data that is easy to follow. */
function countingBytes(count: number): string {
  return hexLines(Uint8Array.from({ length: count }, (_, i) => i & 0xff));
}

function preset(id: string, group: Preset['group'], changes: Partial<BuilderForm> | (() => Partial<BuilderForm>)): Preset {
  // A getter, so the large binary payloads are only made when a reader loads them.
  return {
    id,
    group,
    get form() {
      return { ...BASE, ...(typeof changes === 'function' ? changes() : changes) };
    },
  };
}

/** What a reader can load with one click: the RFC's own examples, then frames that each break one rule. */
export const PRESETS: readonly Preset[] = [
  preset('rfc-unmasked-text', 'rfc', {}),
  preset('rfc-masked-text', 'rfc', client),
  preset('rfc-first-fragment', 'rfc', { fin: false, payload: 'Hel' }),
  preset('rfc-last-fragment', 'rfc', { opcode: 0x0, payload: 'lo' }),
  preset('rfc-ping', 'rfc', { opcode: 0x9 }),
  preset('rfc-pong', 'rfc', { ...client, opcode: 0xa }),
  preset('rfc-256-binary', 'rfc', () => ({
    opcode: 0x2,
    payloadMode: 'hex',
    payload: countingBytes(256),
  })),
  preset('rfc-64k-binary', 'rfc', () => ({
    opcode: 0x2,
    payloadMode: 'hex',
    payload: countingBytes(65536),
  })),
  preset('close-1000', 'rfc', {
    ...client,
    opcode: 0x8,
    payloadMode: 'hex',
    payload: '03 e8 62 79 65',
  }),
  preset('unmasked-client', 'broken', { sentBy: 'client', masked: false }),
  preset('masked-server', 'broken', { masked: true }),
  preset('rsv1-set', 'broken', { ...client, rsv1: true }),
  preset('reserved-opcode', 'broken', { ...client, opcode: 0x3 }),
  preset('long-ping', 'broken', { ...client, opcode: 0x9, payload: 'x'.repeat(126) }),
  preset('fragmented-ping', 'broken', { ...client, opcode: 0x9, fin: false }),
  preset('non-minimal-length', 'broken', { ...client, lengthEncoding: '16-bit' }),
  preset('close-one-byte', 'broken', { ...client, opcode: 0x8, payloadMode: 'hex', payload: '03' }),
  preset('close-1005', 'broken', { ...client, opcode: 0x8, payloadMode: 'hex', payload: '03 ed' }),
  preset('invalid-utf8', 'broken', { ...client, payloadMode: 'hex', payload: 'c3 28' }),
];

/** The frame the widget starts with: the RFC's masked "Hello", as a browser would send it. */
export const INITIAL_PRESET: Preset = PRESETS.find((p) => p.id === 'rfc-masked-text')!;
