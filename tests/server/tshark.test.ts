// A second, independent dissector checks ours: tshark (Wireshark) reads the recorded echo session as a capture, and every WebSocket field it finds must match our annotator's, byte for byte and at the same offsets.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RECORDING_PATH, type Recording } from '../../scripts/record-session.ts';
import { CAPTURE_FILE, PAYLOAD_OFFSET, SESSION_PORTS, packetNumberOfChunk, sessionPcap } from '../../scripts/session-pcap.ts';
import { annotateFrame, type FrameAnnotation } from '../../src/lib/protocol/annotate-frame.ts';
import { decodeFrame } from '../../src/lib/protocol/decode-frame.ts';
import { findBinary } from '../support/local-servers.ts';

const recording = JSON.parse(readFileSync(RECORDING_PATH, 'utf8')) as Recording;
const tshark = findBinary('tshark');
const DISSECT_EXAMPLE = 'examples/debugging/dissect-capture.sh';

/** tshark's `-x` form of a field: its bytes as hex, its offset in the packet, its length, bitmask, type. */
type RawField = [hex: string, offset: number, length: number, bitmask: number, type: number];
type WebSocketLayer = Record<string, string | RawField | unknown>;

/** The WebSocket layer of every packet tshark dissects as WebSocket (run as the page's script runs it), keyed by packet number. */
function dissectWithTshark(file: string): Map<number, WebSocketLayer> {
  const json = execFileSync('sh', [DISSECT_EXAMPLE, file, String(SESSION_PORTS.server), '-T', 'json', '-x'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const packets = JSON.parse(json) as { _source: { layers: { frame: { 'frame.number': string }; websocket: WebSocketLayer } } }[];
  return new Map(packets.map((packet) => [Number(packet._source.layers.frame['frame.number']), packet._source.layers.websocket]));
}

/** The bits our annotator shows for one field, e.g. '1' for FIN. */
function annotatedBits(annotation: FrameAnnotation, field: string): string {
  return annotation.segments.flatMap((segment) => segment.fields).find((note) => note.field === field)!.bits;
}

/** Our annotator's segment whose title ends with `suffix`, as [hex without spaces, offset in the packet]. */
function annotatedBytes(annotation: FrameAnnotation, suffix: string): [string, number] | undefined {
  const segment = annotation.segments.find((s) => s.title.endsWith(suffix));
  return segment && [segment.hex.replaceAll(' ', ''), PAYLOAD_OFFSET + segment.range.start];
}

describe('the recorded echo session as a capture', () => {
  it(`is committed as ${CAPTURE_FILE}, up to date with the recording (run \`npm run pcap\` after \`npm run record\`)`, () => {
    expect(readFileSync(CAPTURE_FILE).equals(sessionPcap(recording))).toBe(true);
  });
});

describe.skipIf(!tshark)(`tshark dissecting ${CAPTURE_FILE}${tshark ? '' : ' (tshark is not installed: skipped)'}`, () => {
  const dissected = tshark ? dissectWithTshark(CAPTURE_FILE) : new Map<number, WebSocketLayer>();
  // The handshake is chunks 0 and 1; frame i is chunk i + 2.
  const frames = recording.frames.map((frame, index) => ({ ...frame, packet: packetNumberOfChunk(index + 2) }));

  it('finds a WebSocket frame in exactly the packets that carry the recorded frames', () => {
    expect([...dissected.keys()]).toEqual(frames.map((frame) => frame.packet));
  });

  it.each(frames.map((frame) => [frame.name, frame] as const))('reads %s field by field as our annotator does', (_, frame) => {
    const bytes = Uint8Array.from(Buffer.from(frame.hex, 'hex'));
    const annotation = annotateFrame(bytes, { sender: frame.sender });
    const ws = dissected.get(frame.packet)!;
    const field = (name: string) => ws[`websocket.${name}`] as string | undefined;
    const raw = (name: string) => ws[`websocket.${name}_raw`] as RawField | undefined;
    const atOffset = (r: RawField | undefined): [string, number] | undefined => r && [r[0], r[1]];

    expect(field('fin')).toBe(annotatedBits(annotation, 'fin'));
    expect(Number(field('rsv'))).toBe(parseInt(['rsv1', 'rsv2', 'rsv3'].map((rsv) => annotatedBits(annotation, rsv)).join(''), 2));
    expect(Number(field('opcode'))).toBe(parseInt(annotatedBits(annotation, 'opcode'), 2));
    expect(field('mask')).toBe(annotatedBits(annotation, 'mask'));
    expect(Number(field('payload_length'))).toBe(parseInt(annotatedBits(annotation, 'payload-length'), 2));
    // The 16-bit extended length, where there is one: the same two bytes at the same offset.
    expect(atOffset(raw('payload_length_ext_16'))).toEqual(annotatedBytes(annotation, 'extended payload length'));
    // The masking key: the same four bytes at the same offset, or absent from both for a server's frame.
    expect(atOffset(raw('masking_key'))).toEqual(annotatedBytes(annotation, 'masking key'));
    // The payload as it crossed the wire: masked for a client's frame.
    const wirePayload = frame.sender === 'client' ? raw('masked_payload') : raw('payload');
    expect(wirePayload).toBeDefined();
    expect(atOffset(wirePayload)).toEqual(annotatedBytes(annotation, 'payload'));
    // And unmasked: tshark's unmasked payload against our decoder's.
    const decoded = decodeFrame(bytes, { sender: frame.sender });
    expect(decoded.status).toBe('complete');
    if (decoded.status !== 'complete') return;
    expect(raw('payload')![0]).toBe(Buffer.from(decoded.frame.payload).toString('hex'));
  });
});
