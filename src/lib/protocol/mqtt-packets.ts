// Explains every byte of MQTT 3.1.1 control packets as they travel inside WebSocket binary frames (MQTT 3.1.1 §6), packet by packet, field by field.
import { spacedHex } from './annotate-frame.ts';
import type { ByteRange } from './frame.ts';

/** One run of bytes explained together: a fixed header byte, the remaining length, a topic, a payload… */
export interface MqttSegment {
  title: string;
  range: ByteRange;
  /** The segment's bytes as lowercase hex pairs separated by spaces. */
  hex: string;
  value: string;
  /** The MQTT 3.1.1 section that defines it, e.g. "2.2.3". */
  section: string;
}

export interface MqttPacket {
  /** "CONNECT", "PUBLISH", …, or "reserved (0)" for a type MQTT 3.1.1 does not define. */
  type: string;
  range: ByteRange;
  /** False when the bytes end before the packet's remaining length does. */
  complete: boolean;
  segments: MqttSegment[];
}

/** The control packet types of MQTT 3.1.1 §2.2.1, by their 4-bit value. */
export const MQTT_PACKET_TYPES = [
  'reserved (0)',
  'CONNECT',
  'CONNACK',
  'PUBLISH',
  'PUBACK',
  'PUBREC',
  'PUBREL',
  'PUBCOMP',
  'SUBSCRIBE',
  'SUBACK',
  'UNSUBSCRIBE',
  'UNSUBACK',
  'PINGREQ',
  'PINGRESP',
  'DISCONNECT',
  'reserved (15)',
] as const;

const CONNACK_RETURN_CODES = [
  'Connection Accepted',
  'refused: unacceptable protocol version',
  'refused: identifier rejected',
  'refused: server unavailable',
  'refused: bad user name or password',
  'refused: not authorized',
];

/**
 * Splits `bytes` (the payloads of one direction's binary frames, joined) into MQTT packets and explains each byte
 * exactly once. Packets need not line up with frames (MQTT 3.1.1 §6), so the caller joins frames first; a packet
 * cut off at the end is marked incomplete.
 */
export function annotateMqttPackets(bytes: Uint8Array): MqttPacket[] {
  const packets: MqttPacket[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const packet = annotatePacket(bytes, offset);
    packets.push(packet);
    offset = packet.range.end;
  }
  return packets;
}

function annotatePacket(bytes: Uint8Array, start: number): MqttPacket {
  const segments: MqttSegment[] = [];
  const add = (title: string, from: number, to: number, value: string, section: string) =>
    segments.push({ title, range: { start: from, end: to }, hex: spacedHex(bytes.subarray(from, to)), value, section });

  const byte0 = bytes[start]!;
  const typeNumber = byte0 >> 4;
  const type = MQTT_PACKET_TYPES[typeNumber]!;
  add('Fixed header: packet type and flags', start, start + 1, `${type}, flags ${describeFlags(type, byte0 & 0x0f)}`, '2.2');

  // The remaining length: 1 to 4 bytes, 7 bits each, least significant first; the top bit says another follows.
  let remaining = 0;
  let lengthEnd = start + 1;
  for (let multiplier = 1; lengthEnd < bytes.length && lengthEnd < start + 5; multiplier *= 128) {
    const digit = bytes[lengthEnd++]!;
    remaining += (digit & 0x7f) * multiplier;
    if ((digit & 0x80) === 0) break;
  }
  if (lengthEnd === start + 1 || (bytes[lengthEnd - 1]! & 0x80) !== 0) {
    if (lengthEnd > start + 1) add('Remaining length (cut off)', start + 1, lengthEnd, 'more length bytes to come', '2.2.3');
    return { type, range: { start, end: lengthEnd }, complete: false, segments };
  }
  add('Remaining length', start + 1, lengthEnd, plural(remaining, 'byte'), '2.2.3');

  const end = Math.min(lengthEnd + remaining, bytes.length);
  const body = new BodyReader(bytes, lengthEnd, end, add);
  switch (type) {
    case 'CONNECT': {
      body.string('Protocol name', '3.1.2.1');
      body.byte('Protocol level', (level) => (level === 4 ? '4 (MQTT 3.1.1)' : String(level)), '3.1.2.2');
      const flags = body.byte('Connect flags', describeConnectFlags, '3.1.2.3');
      body.uint16('Keep alive', (seconds) => plural(seconds, 'second'), '3.1.2.10');
      body.string('Client identifier', '3.1.3.1');
      if (flags !== undefined && flags & 0x04) {
        body.string('Will topic', '3.1.3.2');
        body.string('Will message', '3.1.3.3');
      }
      if (flags !== undefined && flags & 0x80) body.string('User name', '3.1.3.4');
      if (flags !== undefined && flags & 0x40) body.string('Password', '3.1.3.5');
      break;
    }
    case 'CONNACK':
      body.byte('Acknowledge flags', (flags) => ((flags & 1) === 1 ? 'session present' : 'no session present'), '3.2.2.1');
      body.byte('Return code', (code) => `${code}: ${CONNACK_RETURN_CODES[code] ?? 'reserved'}`, '3.2.2.3');
      break;
    case 'PUBLISH': {
      body.string('Topic name', '3.3.2.1');
      if (((byte0 >> 1) & 0x03) > 0) body.uint16('Packet identifier', String, '3.3.2.2');
      body.rest('Payload', (payload) => `${plural(payload.length, 'byte')}: ${quote(payload)}`, '3.3.3');
      break;
    }
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBREL':
    case 'PUBCOMP':
    case 'UNSUBACK':
      body.uint16('Packet identifier', String, '2.3.1');
      break;
    case 'SUBSCRIBE':
      body.uint16('Packet identifier', String, '2.3.1');
      while (body.left() > 0) {
        body.string('Topic filter', '3.8.3');
        body.byte('Requested QoS', (qos) => `QoS ${qos}`, '3.8.3');
      }
      break;
    case 'SUBACK':
      body.uint16('Packet identifier', String, '2.3.1');
      while (body.left() > 0) body.byte('Return code', (code) => (code === 0x80 ? '0x80: failure' : `granted QoS ${code}`), '3.9.3');
      break;
    case 'UNSUBSCRIBE':
      body.uint16('Packet identifier', String, '2.3.1');
      while (body.left() > 0) body.string('Topic filter', '3.10.3');
      break;
  }
  // Bytes the packet's type does not account for are still explained, never skipped.
  body.rest('Unexplained bytes of this packet', (rest) => plural(rest.length, 'byte'), '2.2.3');
  return { type, range: { start, end }, complete: lengthEnd + remaining <= bytes.length, segments };
}

/** Reads a packet's variable header and payload in order, adding a segment for each field; stops at the packet's end. */
class BodyReader {
  private readonly bytes: Uint8Array;
  private offset: number;
  private readonly end: number;
  private readonly add: (title: string, from: number, to: number, value: string, section: string) => void;

  constructor(
    bytes: Uint8Array,
    offset: number,
    end: number,
    add: (title: string, from: number, to: number, value: string, section: string) => void,
  ) {
    this.bytes = bytes;
    this.offset = offset;
    this.end = end;
    this.add = add;
  }

  left(): number {
    return this.end - this.offset;
  }

  byte(title: string, describe: (value: number) => string, section: string): number | undefined {
    if (this.left() < 1) return undefined;
    const value = this.bytes[this.offset]!;
    this.add(title, this.offset, ++this.offset, describe(value), section);
    return value;
  }

  uint16(title: string, describe: (value: number) => string, section: string): void {
    if (this.left() < 2) return;
    const value = (this.bytes[this.offset]! << 8) | this.bytes[this.offset + 1]!;
    this.add(title, this.offset, (this.offset += 2), describe(value), section);
  }

  /** A UTF-8 string: a 2-byte length, most significant byte first, then that many bytes (MQTT 3.1.1 §1.5.3). */
  string(title: string, section: string): void {
    if (this.left() < 2) return;
    const length = (this.bytes[this.offset]! << 8) | this.bytes[this.offset + 1]!;
    const to = Math.min(this.offset + 2 + length, this.end);
    const text = new TextDecoder().decode(this.bytes.subarray(this.offset + 2, to));
    this.add(title, this.offset, to, `length ${length}, "${text}"`, section);
    this.offset = to;
  }

  rest(title: string, describe: (bytes: Uint8Array) => string, section: string): void {
    if (this.left() <= 0) return;
    this.add(title, this.offset, this.end, describe(this.bytes.subarray(this.offset, this.end)), section);
    this.offset = this.end;
  }
}

function describeFlags(type: string, flags: number): string {
  const bits = flags.toString(2).padStart(4, '0');
  if (type !== 'PUBLISH') return bits;
  const qos = (flags >> 1) & 0x03;
  return `${bits} (DUP ${(flags >> 3) & 1}, QoS ${qos}, RETAIN ${flags & 1})`;
}

function describeConnectFlags(flags: number): string {
  const names: [number, string][] = [
    [0x80, 'user name'],
    [0x40, 'password'],
    [0x20, 'will retain'],
    [0x04, 'will'],
    [0x02, 'clean session'],
  ];
  const set = names.filter(([bit]) => flags & bit).map(([, name]) => name);
  const willQos = (flags >> 3) & 0x03;
  if (flags & 0x04) set.push(`will QoS ${willQos}`);
  return `${flags.toString(2).padStart(8, '0')}: ${set.length > 0 ? set.join(', ') : 'none'}`;
}

function quote(payload: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(payload);
  return `"${text}"`;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
