// Explains every byte of MQTT 3.1.1 control packets as they travel inside WebSocket binary frames (MQTT 3.1.1 §6), packet by packet, field by field.
import { spacedHex } from './annotate-frame.ts';
import type { ByteRange } from './frame.ts';
import { MQTT_PACKET_TEXT, type MqttPacketLocale, type MqttPacketText } from './mqtt-packets-text.ts';

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
  /**
   * True when the bytes break MQTT 3.1.1's packet format (a reserved type, wrong flags, QoS 3, a fifth length byte:
   * §2.2.1, §2.2.2, §3.3.1.2, §2.2.3); a segment's value says which. After a malformed remaining length no packet
   * boundary can be found.
   */
  malformed: boolean;
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

/** The remaining length has at most four bytes (MQTT 3.1.1 §2.2.3). */
const MAX_LENGTH_BYTES = 4;

/** The packet types whose fixed-header flags must be 0010; every other type but PUBLISH must carry 0000 (MQTT 3.1.1 §2.2.2). */
const FLAGS_0010 = new Set(['PUBREL', 'SUBSCRIBE', 'UNSUBSCRIBE']);

/**
 * Splits `bytes` (the payloads of one direction's binary frames, joined) into MQTT packets and explains each byte
 * exactly once. Packets need not line up with frames (MQTT 3.1.1 §6), so the caller joins frames first; a packet
 * cut off at the end is marked incomplete. Titles and values are in `locale` (English by default); bytes, numbers,
 * packet type names and quoted strings are the same in every language.
 */
export function annotateMqttPackets(bytes: Uint8Array, locale: MqttPacketLocale = 'en'): MqttPacket[] {
  const text = MQTT_PACKET_TEXT[locale];
  const packets: MqttPacket[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const packet = annotatePacket(bytes, offset, text);
    packets.push(packet);
    offset = packet.range.end;
  }
  return packets;
}

function annotatePacket(bytes: Uint8Array, start: number, text: MqttPacketText): MqttPacket {
  const t = text.titles;
  const segments: MqttSegment[] = [];
  const add = (title: string, from: number, to: number, value: string, section: string) =>
    segments.push({ title, range: { start: from, end: to }, hex: spacedHex(bytes.subarray(from, to)), value, section });

  const byte0 = bytes[start]!;
  const typeNumber = byte0 >> 4;
  const type = MQTT_PACKET_TYPES[typeNumber]!;
  const flags = checkFlags(type, byte0 & 0x0f, text);
  add(t.fixedHeader, start, start + 1, text.typeAndFlags(type, flags.description), flags.section);
  const malformed = flags.malformed;

  // The remaining length: 1 to 4 bytes, 7 bits each, least significant first; the top bit says another follows.
  let remaining = 0;
  let lengthEnd = start + 1;
  for (let multiplier = 1; lengthEnd < bytes.length && lengthEnd < start + 1 + MAX_LENGTH_BYTES; multiplier *= 128) {
    const digit = bytes[lengthEnd++]!;
    remaining += (digit & 0x7f) * multiplier;
    if ((digit & 0x80) === 0) break;
  }
  const continues = (bytes[lengthEnd - 1]! & 0x80) !== 0;
  if (lengthEnd > start + 1 && continues && lengthEnd === start + 1 + MAX_LENGTH_BYTES) {
    // A fourth byte that says a fifth follows: the length cannot be read, so neither can where the next packet starts.
    add(t.remainingLengthMalformed, start + 1, lengthEnd, text.tooManyLengthBytes, '2.2.3');
    if (lengthEnd < bytes.length) add(t.afterMalformed, lengthEnd, bytes.length, text.bytes(bytes.length - lengthEnd), '2.2.3');
    return { type, range: { start, end: bytes.length }, complete: true, malformed: true, segments };
  }
  if (lengthEnd === start + 1 || continues) {
    if (lengthEnd > start + 1) add(t.remainingLengthCut, start + 1, lengthEnd, text.moreLengthBytes, '2.2.3');
    return { type, range: { start, end: lengthEnd }, complete: false, malformed, segments };
  }
  add(t.remainingLength, start + 1, lengthEnd, text.bytes(remaining), '2.2.3');

  const end = Math.min(lengthEnd + remaining, bytes.length);
  const body = new BodyReader(bytes, lengthEnd, end, add, text);
  switch (type) {
    case 'CONNECT': {
      body.string(t.protocolName, '3.1.2.1');
      body.byte(t.protocolLevel, (level) => (level === 4 ? '4 (MQTT 3.1.1)' : String(level)), '3.1.2.2');
      const flags = body.byte(t.connectFlags, (value) => describeConnectFlags(value, text), '3.1.2.3');
      body.uint16(t.keepAlive, text.seconds, '3.1.2.10');
      body.string(t.clientId, '3.1.3.1');
      if (flags !== undefined && flags & 0x04) {
        body.string(t.willTopic, '3.1.3.2');
        body.string(t.willMessage, '3.1.3.3');
      }
      if (flags !== undefined && flags & 0x80) body.string(t.userName, '3.1.3.4');
      if (flags !== undefined && flags & 0x40) body.string(t.password, '3.1.3.5');
      break;
    }
    case 'CONNACK':
      body.byte(t.acknowledgeFlags, (flags) => text.sessionPresent((flags & 1) === 1), '3.2.2.1');
      body.byte(t.returnCode, (code) => `${code}: ${text.connackCodes[code] ?? text.reserved}`, '3.2.2.3');
      break;
    case 'PUBLISH': {
      body.string(t.topicName, '3.3.2.1');
      const qos = (byte0 >> 1) & 0x03;
      // With QoS "3" nothing says whether a packet identifier follows: the rest stays unexplained.
      if (qos === 3) break;
      if (qos > 0) body.uint16(t.packetId, String, '3.3.2.2');
      body.rest(t.payload, (payload) => text.payload(payload.length, decodeText(payload)), '3.3.3');
      break;
    }
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBREL':
    case 'PUBCOMP':
    case 'UNSUBACK':
      body.uint16(t.packetId, String, '2.3.1');
      break;
    case 'SUBSCRIBE':
      body.uint16(t.packetId, String, '2.3.1');
      while (body.left() > 0) {
        body.string(t.topicFilter, '3.8.3');
        body.byte(t.requestedQos, (qos) => `QoS ${qos}`, '3.8.3');
      }
      break;
    case 'SUBACK':
      body.uint16(t.packetId, String, '2.3.1');
      while (body.left() > 0) body.byte(t.returnCode, (code) => (code === 0x80 ? text.subackFailure : text.grantedQos(code)), '3.9.3');
      break;
    case 'UNSUBSCRIBE':
      body.uint16(t.packetId, String, '2.3.1');
      while (body.left() > 0) body.string(t.topicFilter, '3.10.3');
      break;
  }
  // Bytes the packet's type does not account for are still explained, never skipped.
  body.rest(t.unexplained, (rest) => text.bytes(rest.length), '2.2.3');
  return { type, range: { start, end }, complete: lengthEnd + remaining <= bytes.length, malformed, segments };
}

/** Reads a packet's variable header and payload in order, adding a segment for each field; stops at the packet's end. */
class BodyReader {
  private readonly bytes: Uint8Array;
  private offset: number;
  private readonly end: number;
  private readonly add: (title: string, from: number, to: number, value: string, section: string) => void;
  private readonly text: MqttPacketText;

  constructor(
    bytes: Uint8Array,
    offset: number,
    end: number,
    add: (title: string, from: number, to: number, value: string, section: string) => void,
    text: MqttPacketText,
  ) {
    this.bytes = bytes;
    this.offset = offset;
    this.end = end;
    this.add = add;
    this.text = text;
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
    const decoded = new TextDecoder().decode(this.bytes.subarray(this.offset + 2, to));
    this.add(title, this.offset, to, this.text.string(length, decoded), section);
    this.offset = to;
  }

  rest(title: string, describe: (bytes: Uint8Array) => string, section: string): void {
    if (this.left() <= 0) return;
    this.add(title, this.offset, this.end, describe(this.bytes.subarray(this.offset, this.end)), section);
    this.offset = this.end;
  }
}

/** The fixed header's low four bits: PUBLISH's DUP, QoS and RETAIN, or the value every other type must carry. */
function checkFlags(type: string, flags: number, text: MqttPacketText): { description: string; section: string; malformed: boolean } {
  const bits = flags.toString(2).padStart(4, '0');
  if (type.startsWith('reserved')) return { description: `${bits}: ${text.reservedType}`, section: '2.2.1', malformed: true };
  if (type === 'PUBLISH') {
    const qos = (flags >> 1) & 0x03;
    const description = `${bits} (DUP ${(flags >> 3) & 1}, QoS ${qos}, RETAIN ${flags & 1})`;
    if (qos === 3) return { description: `${description}: ${text.bothQosBits}`, section: '3.3.1.2', malformed: true };
    return { description, section: '2.2', malformed: false };
  }
  const expected = FLAGS_0010.has(type) ? 0b0010 : 0b0000;
  if (flags === expected) return { description: bits, section: '2.2', malformed: false };
  return { description: `${bits}: ${text.flagsMustBe(expected.toString(2).padStart(4, '0'))}`, section: '2.2.2', malformed: true };
}

function describeConnectFlags(flags: number, text: MqttPacketText): string {
  const word = text.connectFlagNames;
  const names: [number, string][] = [
    [0x80, word.userName],
    [0x40, word.password],
    [0x20, word.willRetain],
    [0x04, word.will],
    [0x02, word.cleanSession],
  ];
  const set = names.filter(([bit]) => flags & bit).map(([, name]) => name);
  const willQos = (flags >> 3) & 0x03;
  if (flags & 0x04) set.push(text.willQos(willQos));
  return `${flags.toString(2).padStart(8, '0')}: ${set.length > 0 ? set.join(', ') : word.none}`;
}

function decodeText(payload: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(payload);
}
