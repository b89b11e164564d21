// Explains every byte of an HTTP/2 frame (RFC 9113 §4.1, §6) as the WebSocket frame annotations do, HPACK header blocks (RFC 7541) decoded.
import { hex } from '../protocol/bytes.ts';
import { spacedHex } from '../protocol/annotate-frame.ts';
import { HpackDecoder, type Representation } from './hpack.ts';
import type { Locale } from '../i18n/locale.ts';
import { HTTP2_TEXT, type Http2Text } from './annotate-http2-frame-text.ts';

/** One field of a segment, in the shape the annotated-dump components render (see FrameDump.astro). */
export interface Http2FieldNote {
  label: string;
  bits: string;
  value: string;
  note: string;
  /** `RFC 9113 §4.1` and the like. */
  section: string;
}

export interface Http2Segment {
  title: string;
  range: { start: number; end: number };
  hex: string;
  fields: Http2FieldNote[];
}

export interface Http2FrameAnnotation {
  /** `HEADERS`, `DATA`…, or `0x.. (unknown)`. */
  typeName: string;
  streamId: number;
  flags: string[];
  segments: Http2Segment[];
  /** A DATA frame's payload: on an RFC 8441 stream, bytes of the WebSocket connection (RFC 8441 §5). */
  data: Uint8Array | null;
  /** A HEADERS frame's fields, decoded. */
  headers: [string, string][] | null;
}

/** The connection preface every client sends first (RFC 9113 §3.4): `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`. */
export const CLIENT_PREFACE = new TextEncoder().encode('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

/** What each type does is in the text table (annotate-http2-frame-text.ts), by the same number. */
const FRAME_TYPES: Record<number, { name: string; section: string }> = {
  0x0: { name: 'DATA', section: 'RFC 9113 §6.1' },
  0x1: { name: 'HEADERS', section: 'RFC 9113 §6.2' },
  0x2: { name: 'PRIORITY', section: 'RFC 9113 §6.3' },
  0x3: { name: 'RST_STREAM', section: 'RFC 9113 §6.4' },
  0x4: { name: 'SETTINGS', section: 'RFC 9113 §6.5' },
  0x5: { name: 'PUSH_PROMISE', section: 'RFC 9113 §6.6' },
  0x6: { name: 'PING', section: 'RFC 9113 §6.7' },
  0x7: { name: 'GOAWAY', section: 'RFC 9113 §6.8' },
  0x8: { name: 'WINDOW_UPDATE', section: 'RFC 9113 §6.9' },
  0x9: { name: 'CONTINUATION', section: 'RFC 9113 §6.10' },
};

/** The flags each frame type defines (RFC 9113 §6); other bits are unused and must be ignored. */
const FLAGS: Record<number, [number, string][]> = {
  0x0: [
    [0x1, 'END_STREAM'],
    [0x8, 'PADDED'],
  ],
  0x1: [
    [0x1, 'END_STREAM'],
    [0x4, 'END_HEADERS'],
    [0x8, 'PADDED'],
    [0x20, 'PRIORITY'],
  ],
  0x4: [[0x1, 'ACK']],
  0x6: [[0x1, 'ACK']],
  0x9: [[0x4, 'END_HEADERS']],
};

/** What each setting's value means is in the text table, by the same identifier. */
const SETTINGS: Record<number, { name: string; section: string }> = {
  0x1: { name: 'SETTINGS_HEADER_TABLE_SIZE', section: 'RFC 9113 §6.5.2' },
  0x2: { name: 'SETTINGS_ENABLE_PUSH', section: 'RFC 9113 §6.5.2' },
  0x3: { name: 'SETTINGS_MAX_CONCURRENT_STREAMS', section: 'RFC 9113 §6.5.2' },
  0x4: { name: 'SETTINGS_INITIAL_WINDOW_SIZE', section: 'RFC 9113 §6.5.2' },
  0x5: { name: 'SETTINGS_MAX_FRAME_SIZE', section: 'RFC 9113 §6.5.2' },
  0x6: { name: 'SETTINGS_MAX_HEADER_LIST_SIZE', section: 'RFC 9113 §6.5.2' },
  0x8: { name: 'SETTINGS_ENABLE_CONNECT_PROTOCOL', section: 'RFC 8441 §3' },
};

const ERROR_CODES: Record<number, string> = {
  0x0: 'NO_ERROR',
  0x1: 'PROTOCOL_ERROR',
  0x2: 'INTERNAL_ERROR',
  0x3: 'FLOW_CONTROL_ERROR',
  0x5: 'STREAM_CLOSED',
  0x7: 'REFUSED_STREAM',
  0x8: 'CANCEL',
};

/** The sections that say what a few fields mean on an RFC 8441 stream; the meanings are in the text table. */
const FIELD_SECTIONS: Record<string, string> = {
  ':method': 'RFC 8441 §4',
  ':protocol': 'RFC 8441 §4',
  ':scheme': 'RFC 8441 §4',
  ':path': 'RFC 8441 §4',
  ':authority': 'RFC 9113 §8.3.1',
  ':status': 'RFC 8441 §5',
  'sec-websocket-version': 'RFC 8441 §5',
  'sec-websocket-protocol': 'RFC 8441 §5',
  'sec-websocket-extensions': 'RFC 8441 §5',
  origin: '10.2',
  date: 'RFC 9110 §6.6.1',
};

const REPRESENTATION_SECTIONS: Record<Representation['kind'], string> = {
  indexed: 'RFC 7541 §6.1',
  'literal-incremental': 'RFC 7541 §6.2.1',
  'literal-without-indexing': 'RFC 7541 §6.2.2',
  'literal-never-indexed': 'RFC 7541 §6.2.3',
  'table-size-update': 'RFC 7541 §6.3',
};

/** The 24-bit length, type, flags and 31-bit stream id of the frame at `offset`, or null when fewer than 9 bytes remain. */
export function readFrameHeader(bytes: Uint8Array, offset = 0): { length: number; type: number; flags: number; streamId: number } | null {
  if (bytes.length - offset < 9) return null;
  const at = (i: number) => bytes[offset + i]!;
  return {
    length: (at(0) << 16) | (at(1) << 8) | at(2),
    type: at(3),
    flags: at(4),
    streamId: (at(5) & 0x7f) * 2 ** 24 + ((at(6) << 16) | (at(7) << 8) | at(8)),
  };
}

/** Splits a byte stream into whole frames; a trailing partial frame is left in `rest`. */
export function splitFrames(bytes: Uint8Array): { frames: Uint8Array[]; rest: Uint8Array } {
  const frames: Uint8Array[] = [];
  let offset = 0;
  for (;;) {
    const header = readFrameHeader(bytes, offset);
    if (!header || bytes.length - offset < 9 + header.length) break;
    frames.push(bytes.slice(offset, offset + 9 + header.length));
    offset += 9 + header.length;
  }
  return { frames, rest: bytes.slice(offset) };
}

/** The decoding state of one direction of a connection: its HPACK context. */
export class Http2Reader {
  readonly #hpack = new HpackDecoder();
  /** The language of the titles and notes; names, values and sections are the same in every language. */
  readonly #text: Http2Text;

  constructor(locale: Locale = 'en') {
    this.#text = HTTP2_TEXT[locale];
  }

  annotate(frame: Uint8Array): Http2FrameAnnotation {
    const header = readFrameHeader(frame);
    if (!header || frame.length !== 9 + header.length) throw new Error('Not one whole HTTP/2 frame.');
    const t = this.#text;
    const type = FRAME_TYPES[header.type];
    const typeName = type?.name ?? t.values.unknownType(header.type.toString(16));
    const flags = (FLAGS[header.type] ?? []).filter(([bit]) => header.flags & bit).map(([, name]) => name);
    const segments: Http2Segment[] = [
      segment(frame, 0, 9, t.titles.frameHeader(typeName, header.streamId), [
        note(t.labels.length, '', `${header.length}`, t.notes.length, 'RFC 9113 §4.1'),
        note(
          t.labels.type,
          '',
          `0x${header.type.toString(16).padStart(2, '0')}: ${typeName}`,
          type ? t.frameTypes[header.type]! : t.notes.unknownType,
          type?.section ?? 'RFC 9113 §4.1',
        ),
        note(
          t.labels.flags,
          header.flags.toString(2).padStart(8, '0'),
          flags.length ? flags.join(', ') : t.values.none,
          flagsMeaning(typeName, flags, t),
          // On an RFC 8441 stream, END_STREAM is the WebSocket's orderly TCP close (§5).
          typeName === 'DATA' && flags.includes('END_STREAM') ? 'RFC 8441 §5' : (type?.section ?? 'RFC 9113 §4.1'),
        ),
        note(
          t.labels.streamId,
          '',
          `${header.streamId}`,
          header.streamId === 0 ? t.notes.connectionStream : t.notes.webSocketStream,
          'RFC 9113 §5.1.1',
        ),
      ]),
    ];
    const payload = frame.subarray(9);
    let data: Uint8Array | null = null;
    let headers: [string, string][] | null = null;
    if (typeName === 'SETTINGS') segments.push(...settingsSegments(frame, t));
    else if (typeName === 'HEADERS') {
      if (flags.includes('PADDED') || flags.includes('PRIORITY') || !flags.includes('END_HEADERS'))
        throw new Error('This annotator reads only unpadded HEADERS frames that hold a whole header block.');
      const fields = this.#hpack.decode(payload);
      headers = fields.filter((f) => f.kind !== 'table-size-update').map((f) => [f.name, f.value]);
      for (const field of fields) segments.push(fieldSegment(frame, field, t));
    } else if (typeName === 'DATA') {
      if (flags.includes('PADDED')) throw new Error('This annotator reads only unpadded DATA frames.');
      data = payload.slice();
      if (payload.length > 0)
        segments.push(
          segment(frame, 9, frame.length, t.titles.webSocketBytes(payload.length), [
            note(t.labels.payload, '', t.values.octets(payload.length), t.notes.webSocketPayload, 'RFC 8441 §5'),
          ]),
        );
    } else if (typeName === 'RST_STREAM' || typeName === 'WINDOW_UPDATE') {
      const value = readUint32(payload, 0);
      segments.push(
        segment(
          frame,
          9,
          13,
          typeName === 'RST_STREAM' ? t.titles.errorCode : t.titles.windowIncrement,
          typeName === 'RST_STREAM'
            ? [note(t.labels.errorCode, '', errorName(value, t), t.notes.errorRstStream, 'RFC 9113 §6.4')]
            : [note(t.labels.windowIncrement, '', `${value & 0x7fffffff}`, t.notes.windowIncrement, 'RFC 9113 §6.9')],
        ),
      );
    } else if (typeName === 'GOAWAY') {
      segments.push(
        segment(frame, 9, 13, t.titles.lastStream, [
          note(t.labels.lastStream, '', `${readUint32(payload, 0) & 0x7fffffff}`, t.notes.lastStream, 'RFC 9113 §6.8'),
        ]),
        segment(frame, 13, 17, t.titles.errorCode, [
          note(t.labels.errorCode, '', errorName(readUint32(payload, 4), t), t.notes.errorGoaway, 'RFC 9113 §6.8'),
        ]),
      );
      if (frame.length > 17)
        segments.push(
          segment(frame, 17, frame.length, t.titles.debugData, [
            note(t.labels.debugData, '', t.values.octets(frame.length - 17), t.notes.debugData, 'RFC 9113 §6.8'),
          ]),
        );
    } else if (payload.length > 0)
      segments.push(
        segment(frame, 9, frame.length, t.titles.payload, [
          note(t.labels.payload, '', t.values.octets(payload.length), t.notes.payload, 'RFC 9113 §4.1'),
        ]),
      );
    return { typeName, streamId: header.streamId, flags, segments, data, headers };
  }
}

/** The client's connection preface as one segment. */
export function annotatePreface(bytes: Uint8Array, locale: Locale = 'en'): Http2Segment {
  if (hex(bytes) !== hex(CLIENT_PREFACE)) throw new Error('Not the HTTP/2 client connection preface.');
  const t = HTTP2_TEXT[locale];
  return segment(bytes, 0, bytes.length, t.titles.preface, [
    note(t.labels.preface, '', t.values.octets(24), t.notes.preface, 'RFC 9113 §3.4'),
  ]);
}

function settingsSegments(frame: Uint8Array, t: Http2Text): Http2Segment[] {
  const segments: Http2Segment[] = [];
  for (let offset = 9; offset + 6 <= frame.length; offset += 6) {
    const id = (frame[offset]! << 8) | frame[offset + 1]!;
    const value = readUint32(frame, offset + 2);
    const setting = SETTINGS[id];
    segments.push(
      segment(frame, offset, offset + 6, setting?.name ?? t.titles.unknownSetting(id.toString(16)), [
        note(
          t.labels.identifier,
          '',
          `0x${id.toString(16).padStart(4, '0')}: ${setting?.name ?? t.values.unknown}`,
          t.notes.twoOctets,
          setting?.section ?? 'RFC 9113 §6.5.1',
        ),
        note(
          t.labels.value,
          '',
          `${value}`,
          setting ? t.settings[id]!(value) : t.notes.unknownSetting,
          setting?.section ?? 'RFC 9113 §6.5.1',
        ),
      ]),
    );
  }
  return segments;
}

function fieldSegment(frame: Uint8Array, field: Representation, t: Http2Text): Http2Segment {
  const start = 9 + field.start;
  const end = 9 + field.end;
  const representation = { label: t.representations[field.kind], section: REPRESENTATION_SECTIONS[field.kind] };
  if (field.kind === 'table-size-update')
    return segment(frame, start, end, t.titles.tableSize(field.newTableSize), [
      note(t.labels.representation, '', representation.label, t.notes.tableSizeOctets(field.newTableSize), representation.section),
    ]);
  const fromTable = field.index === null ? null : field.index <= 61 ? t.notes.staticEntry(field.index) : t.notes.dynamicEntry(field.index);
  const fields = [
    note(
      t.labels.representation,
      '',
      representation.label,
      fromTable ? t.notes.fromTable(fromTable) : t.notes.spelledOut,
      representation.section,
    ),
  ];
  if (field.kind !== 'indexed') {
    fields.push(
      note(
        t.labels.name,
        '',
        field.name,
        field.huffmanName === null ? t.notes.fromTable(fromTable!) : stringNote(field.huffmanName, t),
        field.huffmanName === null ? 'RFC 7541 §2.3' : 'RFC 7541 §5.2',
      ),
      note(t.labels.value, '', field.value, stringNote(field.huffmanValue ?? false, t), 'RFC 7541 §5.2'),
    );
  }
  const meaning = t.fields[field.name];
  if (meaning) fields.push(note(t.labels.meaning, '', field.value, meaning, FIELD_SECTIONS[field.name]!));
  return segment(frame, start, end, `${field.name}: ${field.value}`, fields);
}

function stringNote(huffman: boolean, t: Http2Text): string {
  return huffman ? t.notes.huffman : t.notes.plainOctets;
}

function flagsMeaning(typeName: string, flags: string[], t: Http2Text): string {
  if (flags.includes('ACK')) return t.notes.flags.ack;
  if (typeName === 'DATA' && flags.includes('END_STREAM')) return t.notes.flags.endStreamData;
  if (flags.includes('END_HEADERS')) return t.notes.flags.endHeaders;
  return t.notes.flags.none;
}

function errorName(code: number, t: Http2Text): string {
  return `0x${code.toString(16)}: ${ERROR_CODES[code] ?? t.values.unknown}`;
}
function readUint32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) >>> 0) + ((bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!);
}

function note(label: string, bits: string, value: string, text: string, section: string): Http2FieldNote {
  return { label, bits, value, note: text, section };
}

function segment(frame: Uint8Array, start: number, end: number, title: string, fields: Http2FieldNote[]): Http2Segment {
  return { title, range: { start, end }, hex: spacedHex(frame.subarray(start, end)), fields };
}
