// Explains every byte of an HTTP/2 frame (RFC 9113 §4.1, §6) as the WebSocket frame annotations do, HPACK header blocks (RFC 7541) decoded.
import { hex } from '../protocol/bytes.ts';
import { spacedHex } from '../protocol/annotate-frame.ts';
import { HpackDecoder, type Representation } from './hpack.ts';

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

const FRAME_TYPES: Record<number, { name: string; section: string; meaning: string }> = {
  0x0: { name: 'DATA', section: 'RFC 9113 §6.1', meaning: 'carries a stream’s content' },
  0x1: { name: 'HEADERS', section: 'RFC 9113 §6.2', meaning: 'opens a stream and carries a header block' },
  0x2: { name: 'PRIORITY', section: 'RFC 9113 §6.3', meaning: 'a stream’s priority (deprecated)' },
  0x3: { name: 'RST_STREAM', section: 'RFC 9113 §6.4', meaning: 'ends a stream at once' },
  0x4: { name: 'SETTINGS', section: 'RFC 9113 §6.5', meaning: 'the sender’s settings for the connection' },
  0x5: { name: 'PUSH_PROMISE', section: 'RFC 9113 §6.6', meaning: 'announces a pushed stream' },
  0x6: { name: 'PING', section: 'RFC 9113 §6.7', meaning: 'asks for an answer, to measure or to keep alive' },
  0x7: { name: 'GOAWAY', section: 'RFC 9113 §6.8', meaning: 'the connection is being shut down' },
  0x8: { name: 'WINDOW_UPDATE', section: 'RFC 9113 §6.9', meaning: 'grants flow-control credit' },
  0x9: { name: 'CONTINUATION', section: 'RFC 9113 §6.10', meaning: 'continues a header block' },
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

const SETTINGS: Record<number, { name: string; section: string; meaning: (value: number) => string }> = {
  0x1: { name: 'SETTINGS_HEADER_TABLE_SIZE', section: 'RFC 9113 §6.5.2', meaning: (v) => `the HPACK dynamic table may hold ${v} octets` },
  0x2: { name: 'SETTINGS_ENABLE_PUSH', section: 'RFC 9113 §6.5.2', meaning: (v) => (v ? 'server push allowed' : 'no server push') },
  0x3: { name: 'SETTINGS_MAX_CONCURRENT_STREAMS', section: 'RFC 9113 §6.5.2', meaning: (v) => `at most ${v} streams open at once` },
  0x4: {
    name: 'SETTINGS_INITIAL_WINDOW_SIZE',
    section: 'RFC 9113 §6.5.2',
    meaning: (v) => `each new stream starts with ${v} octets of credit`,
  },
  0x5: { name: 'SETTINGS_MAX_FRAME_SIZE', section: 'RFC 9113 §6.5.2', meaning: (v) => `frame payloads of up to ${v} octets` },
  0x6: { name: 'SETTINGS_MAX_HEADER_LIST_SIZE', section: 'RFC 9113 §6.5.2', meaning: (v) => `header lists of up to ${v} octets` },
  0x8: {
    name: 'SETTINGS_ENABLE_CONNECT_PROTOCOL',
    section: 'RFC 8441 §3',
    meaning: (v) => (v === 1 ? 'the client may open WebSockets with an extended CONNECT' : 'no extended CONNECT'),
  },
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

/** What a few fields mean on an RFC 8441 stream, with the section that says so. */
const FIELD_MEANINGS: Record<string, { note: string; section: string }> = {
  ':method': { note: 'CONNECT, which RFC 8441 extends with :protocol', section: 'RFC 8441 §4' },
  ':protocol': { note: 'the protocol the stream will carry: websocket', section: 'RFC 8441 §4' },
  ':scheme': { note: 'the target URI’s scheme, which extended CONNECT carries as a request does', section: 'RFC 8441 §4' },
  ':path': { note: 'the WebSocket endpoint, the path of the ws:// URI', section: 'RFC 8441 §4' },
  ':authority': { note: 'the host and port, as Host on HTTP/1.1', section: 'RFC 9113 §8.3.1' },
  ':status': { note: 'any 2xx opens the WebSocket; there is no 101 and no Sec-WebSocket-Accept', section: 'RFC 8441 §5' },
  'sec-websocket-version': { note: 'keeps its RFC 6455 meaning; over HTTP/2 there is no Sec-WebSocket-Key', section: 'RFC 8441 §5' },
  'sec-websocket-protocol': { note: 'keeps its RFC 6455 meaning', section: 'RFC 8441 §5' },
  'sec-websocket-extensions': {
    note: 'keeps its RFC 6455 meaning, so permessage-deflate is negotiated as on HTTP/1.1',
    section: 'RFC 8441 §5',
  },
  origin: { note: 'the page’s origin, which the server checks as on HTTP/1.1', section: '10.2' },
  date: { note: 'when the server answered; an origin server with a clock sends it', section: 'RFC 9110 §6.6.1' },
};

const REPRESENTATIONS: Record<Representation['kind'], { label: string; section: string }> = {
  indexed: { label: 'indexed field: the whole field is a table entry', section: 'RFC 7541 §6.1' },
  'literal-incremental': { label: 'literal, added to the dynamic table for later blocks', section: 'RFC 7541 §6.2.1' },
  'literal-without-indexing': { label: 'literal, not added to the dynamic table', section: 'RFC 7541 §6.2.2' },
  'literal-never-indexed': { label: 'literal that intermediaries must never index', section: 'RFC 7541 §6.2.3' },
  'table-size-update': { label: 'dynamic table size update', section: 'RFC 7541 §6.3' },
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

  annotate(frame: Uint8Array): Http2FrameAnnotation {
    const header = readFrameHeader(frame);
    if (!header || frame.length !== 9 + header.length) throw new Error('Not one whole HTTP/2 frame.');
    const type = FRAME_TYPES[header.type];
    const typeName = type?.name ?? `0x${header.type.toString(16)} (unknown)`;
    const flags = (FLAGS[header.type] ?? []).filter(([bit]) => header.flags & bit).map(([, name]) => name);
    const segments: Http2Segment[] = [
      segment(frame, 0, 9, `${typeName} frame header, stream ${header.streamId}`, [
        note('Length', '', `${header.length}`, 'octets of payload after these nine', 'RFC 9113 §4.1'),
        note(
          'Type',
          '',
          `0x${header.type.toString(16).padStart(2, '0')}: ${typeName}`,
          type?.meaning ?? 'unknown types are ignored',
          type?.section ?? 'RFC 9113 §4.1',
        ),
        note(
          'Flags',
          header.flags.toString(2).padStart(8, '0'),
          flags.length ? flags.join(', ') : 'none',
          flagsMeaning(typeName, flags),
          // On an RFC 8441 stream, END_STREAM is the WebSocket's orderly TCP close (§5).
          typeName === 'DATA' && flags.includes('END_STREAM') ? 'RFC 8441 §5' : (type?.section ?? 'RFC 9113 §4.1'),
        ),
        note(
          'Stream identifier',
          '',
          `${header.streamId}`,
          header.streamId === 0 ? 'stream 0 is the connection itself' : 'client-initiated streams are odd; this one carries the WebSocket',
          'RFC 9113 §5.1.1',
        ),
      ]),
    ];
    const payload = frame.subarray(9);
    let data: Uint8Array | null = null;
    let headers: [string, string][] | null = null;
    if (typeName === 'SETTINGS') segments.push(...settingsSegments(frame));
    else if (typeName === 'HEADERS') {
      if (flags.includes('PADDED') || flags.includes('PRIORITY') || !flags.includes('END_HEADERS'))
        throw new Error('This annotator reads only unpadded HEADERS frames that hold a whole header block.');
      const fields = this.#hpack.decode(payload);
      headers = fields.filter((f) => f.kind !== 'table-size-update').map((f) => [f.name, f.value]);
      for (const field of fields) segments.push(fieldSegment(frame, field));
    } else if (typeName === 'DATA') {
      if (flags.includes('PADDED')) throw new Error('This annotator reads only unpadded DATA frames.');
      data = payload.slice();
      if (payload.length > 0)
        segments.push(
          segment(frame, 9, frame.length, `${payload.length} octets of the WebSocket connection`, [
            note(
              'Payload',
              '',
              `${payload.length} octets`,
              'WebSocket frames exactly as on a TCP connection, the client’s masked; explained below',
              'RFC 8441 §5',
            ),
          ]),
        );
    } else if (typeName === 'RST_STREAM' || typeName === 'WINDOW_UPDATE') {
      const value = readUint32(payload, 0);
      segments.push(
        segment(
          frame,
          9,
          13,
          typeName === 'RST_STREAM' ? 'Error code' : 'Window size increment',
          typeName === 'RST_STREAM'
            ? [
                note(
                  'Error code',
                  '',
                  errorName(value),
                  'why the stream ended; NO_ERROR after a complete response asks the peer to stop sending',
                  'RFC 9113 §6.4',
                ),
              ]
            : [note('Window size increment', '', `${value & 0x7fffffff}`, 'more octets the sender may now send', 'RFC 9113 §6.9')],
        ),
      );
    } else if (typeName === 'GOAWAY') {
      segments.push(
        segment(frame, 9, 13, 'Last stream identifier', [
          note(
            'Last stream',
            '',
            `${readUint32(payload, 0) & 0x7fffffff}`,
            'the highest stream the sender may have acted on',
            'RFC 9113 §6.8',
          ),
        ]),
        segment(frame, 13, 17, 'Error code', [
          note('Error code', '', errorName(readUint32(payload, 4)), 'why the connection ends', 'RFC 9113 §6.8'),
        ]),
      );
      if (frame.length > 17)
        segments.push(
          segment(frame, 17, frame.length, 'Debug data', [
            note('Debug data', '', `${frame.length - 17} octets`, 'opaque', 'RFC 9113 §6.8'),
          ]),
        );
    } else if (payload.length > 0)
      segments.push(
        segment(frame, 9, frame.length, 'Payload', [
          note('Payload', '', `${payload.length} octets`, 'not explained here', 'RFC 9113 §4.1'),
        ]),
      );
    return { typeName, streamId: header.streamId, flags, segments, data, headers };
  }
}

/** The client's connection preface as one segment. */
export function annotatePreface(bytes: Uint8Array): Http2Segment {
  if (hex(bytes) !== hex(CLIENT_PREFACE)) throw new Error('Not the HTTP/2 client connection preface.');
  return segment(bytes, 0, bytes.length, 'Connection preface: PRI * HTTP/2.0␍␊␍␊SM␍␊␍␊', [
    note('Preface', '', '24 octets', 'tells an HTTP/1.1 server this is HTTP/2; a SETTINGS frame follows', 'RFC 9113 §3.4'),
  ]);
}

function settingsSegments(frame: Uint8Array): Http2Segment[] {
  const segments: Http2Segment[] = [];
  for (let offset = 9; offset + 6 <= frame.length; offset += 6) {
    const id = (frame[offset]! << 8) | frame[offset + 1]!;
    const value = readUint32(frame, offset + 2);
    const setting = SETTINGS[id];
    segments.push(
      segment(frame, offset, offset + 6, setting?.name ?? `setting 0x${id.toString(16)}`, [
        note(
          'Identifier',
          '',
          `0x${id.toString(16).padStart(4, '0')}: ${setting?.name ?? 'unknown'}`,
          'two octets',
          setting?.section ?? 'RFC 9113 §6.5.1',
        ),
        note('Value', '', `${value}`, setting?.meaning(value) ?? 'an unknown setting is ignored', setting?.section ?? 'RFC 9113 §6.5.1'),
      ]),
    );
  }
  return segments;
}

function fieldSegment(frame: Uint8Array, field: Representation): Http2Segment {
  const start = 9 + field.start;
  const end = 9 + field.end;
  const representation = REPRESENTATIONS[field.kind];
  if (field.kind === 'table-size-update')
    return segment(frame, start, end, `Table size ${field.newTableSize}`, [
      note('Representation', '', representation.label, `${field.newTableSize} octets`, representation.section),
    ]);
  const fromTable =
    field.index === null ? null : field.index <= 61 ? `static table entry ${field.index}` : `dynamic table entry ${field.index}`;
  const fields = [
    note(
      'Representation',
      '',
      representation.label,
      fromTable ? `from the ${fromTable}` : 'name and value spelled out',
      representation.section,
    ),
  ];
  if (field.kind !== 'indexed') {
    fields.push(
      note(
        'Name',
        '',
        field.name,
        field.huffmanName === null ? `from the ${fromTable}` : stringNote(field.huffmanName),
        field.huffmanName === null ? 'RFC 7541 §2.3' : 'RFC 7541 §5.2',
      ),
      note('Value', '', field.value, stringNote(field.huffmanValue ?? false), 'RFC 7541 §5.2'),
    );
  }
  const meaning = FIELD_MEANINGS[field.name];
  if (meaning) fields.push(note('Meaning', '', field.value, meaning.note, meaning.section));
  return segment(frame, start, end, `${field.name}: ${field.value}`, fields);
}

function stringNote(huffman: boolean): string {
  return huffman ? 'a literal, Huffman-coded (Appendix B)' : 'a literal, in plain octets';
}

function flagsMeaning(typeName: string, flags: string[]): string {
  if (flags.includes('ACK')) return 'acknowledges the peer’s frame';
  if (typeName === 'DATA' && flags.includes('END_STREAM'))
    return 'the sender’s last frame on this stream: its half of the WebSocket’s TCP-like close';
  if (flags.includes('END_HEADERS')) return 'the header block is whole in this frame';
  return 'no flag this frame type defines is set';
}

function errorName(code: number): string {
  return `0x${code.toString(16)}: ${ERROR_CODES[code] ?? 'unknown'}`;
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
