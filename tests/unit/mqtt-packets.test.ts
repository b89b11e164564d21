// The MQTT annotator against MQTT.js's own codec: every MQTT 3.1.1 packet type as mqtt-packet writes it, read field by field and compared with what mqtt-packet reads back; and malformed packets named as malformed.
import { generate, parser, type Packet } from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { annotateMqttPackets, type MqttPacket } from '../../src/lib/protocol/mqtt-packets.ts';

/** The packet as mqtt-packet's parser reads it, or its error message. */
function parsedByMqttPacket(bytes: Uint8Array): { packets: Packet[]; error: string | undefined } {
  const reader = parser({ protocolVersion: 4 });
  const packets: Packet[] = [];
  let error: string | undefined;
  reader.on('packet', (packet) => packets.push(packet));
  reader.on('error', (e) => (error ??= e.message));
  reader.parse(Buffer.from(bytes));
  return { packets, error };
}

const valueOf = (packet: MqttPacket, title: string) => packet.segments.filter((s) => s.title === title).map((s) => s.value);

/** Every byte index covered once, in order, by the packets' segments. */
function expectEveryByteExplainedOnce(packets: MqttPacket[], length: number): void {
  const covered = packets.flatMap((p) =>
    p.segments.flatMap((s) => Array.from({ length: s.range.end - s.range.start }, (_, i) => s.range.start + i)),
  );
  expect(covered).toEqual(Array.from({ length }, (_, i) => i));
}

const generated: Packet[] = [
  { cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: 'abc', keepalive: 30 },
  {
    cmd: 'connect',
    protocolId: 'MQTT',
    protocolVersion: 4,
    clean: false,
    clientId: 'abc',
    keepalive: 0,
    will: { topic: 'w/t', payload: Buffer.from('bye'), qos: 1, retain: true },
    username: 'u',
    password: Buffer.from('p'),
  },
  { cmd: 'connack', returnCode: 5, sessionPresent: true },
  { cmd: 'publish', topic: 'a/b', payload: Buffer.from('hi'), qos: 0, retain: true, dup: false },
  { cmd: 'publish', topic: 'a/b', payload: Buffer.from('hi'), qos: 1, messageId: 7, retain: false, dup: true },
  { cmd: 'publish', topic: 'a/b', payload: Buffer.alloc(300, 0x61), qos: 2, messageId: 65535, retain: false, dup: false },
  // Remaining lengths of three and four bytes (MQTT 3.1.1 §2.2.3: 16 384 to 2 097 151, then up to 268 435 455).
  { cmd: 'publish', topic: 't', payload: Buffer.alloc(20_000, 0x62), qos: 0, retain: false, dup: false },
  { cmd: 'publish', topic: 't', payload: Buffer.alloc(2_100_000, 0x63), qos: 0, retain: false, dup: false },
  { cmd: 'puback', messageId: 1 },
  { cmd: 'pubrec', messageId: 2 },
  { cmd: 'pubrel', messageId: 3 },
  { cmd: 'pubcomp', messageId: 4 },
  {
    cmd: 'subscribe',
    messageId: 9,
    subscriptions: [
      { topic: 'a/#', qos: 0 },
      { topic: '+/b', qos: 2 },
    ],
  },
  { cmd: 'suback', messageId: 9, granted: [0, 2, 128] },
  { cmd: 'unsubscribe', messageId: 10, unsubscriptions: ['a/#', '+/b'] },
  // MQTT 3.1.1's UNSUBACK has no return codes; mqtt-packet's type asks for MQTT 5.0's and writes none for version 4.
  { cmd: 'unsuback', messageId: 10, granted: [] },
  { cmd: 'pingreq' },
  { cmd: 'pingresp' },
  { cmd: 'disconnect' },
];

describe('annotateMqttPackets on packets MQTT.js writes (mqtt-packet)', () => {
  it.each(generated.map((packet) => [packet.cmd, packet] as const))('reads %s as mqtt-packet does, every byte once', (_, packet) => {
    const bytes = new Uint8Array(generate(packet, { protocolVersion: 4 }));
    const {
      packets: [theirs],
      error,
    } = parsedByMqttPacket(bytes);
    expect(error).toBeUndefined();
    const ours = annotateMqttPackets(bytes);
    expect(ours).toHaveLength(1);
    const [annotated] = ours as [MqttPacket];
    expect(annotated).toMatchObject({ type: packet.cmd.toUpperCase(), complete: true, malformed: false });
    expectEveryByteExplainedOnce(ours, bytes.length);
    expect(annotated.segments.filter((s) => s.title.startsWith('Unexplained'))).toEqual([]);
    const remaining = theirs!.length!;
    expect(valueOf(annotated, 'Remaining length')).toEqual([`${remaining} ${remaining === 1 ? 'byte' : 'bytes'}`]);
    if (packet.messageId !== undefined) {
      expect(valueOf(annotated, 'Packet identifier')).toEqual([String(packet.messageId)]);
    }
    if (packet.cmd === 'publish') {
      expect(valueOf(annotated, 'Topic name')).toEqual([`length ${packet.topic.length}, "${packet.topic}"`]);
      expect(annotated.segments[0]!.value).toContain(`QoS ${packet.qos}, RETAIN ${packet.retain ? 1 : 0}`);
    }
    if (packet.cmd === 'subscribe') {
      expect(valueOf(annotated, 'Topic filter')).toEqual(packet.subscriptions.map((s) => `length ${s.topic.length}, "${s.topic}"`));
      expect(valueOf(annotated, 'Requested QoS')).toEqual(packet.subscriptions.map((s) => `QoS ${s.qos}`));
    }
    if (packet.cmd === 'suback') expect(valueOf(annotated, 'Return code')).toEqual(['granted QoS 0', 'granted QoS 2', '0x80: failure']);
    if (packet.cmd === 'connect' && packet.will) {
      expect(valueOf(annotated, 'Will topic')).toEqual(['length 3, "w/t"']);
      expect(valueOf(annotated, 'Connect flags')).toEqual(['11101100: user name, password, will retain, will, will QoS 1']);
    }
  });
});

describe('annotateMqttPackets on malformed packets', () => {
  const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));

  it('names a remaining length whose fourth byte still sets the continuation bit malformed, not cut off, and reads no packets after it', () => {
    // At most four length bytes (MQTT 3.1.1 §2.2.3); mqtt-packet refuses the same bytes.
    const malformed = bytes('30ffffffff01000061');
    expect(parsedByMqttPacket(malformed).error).toMatch(/variable byte integer/i);
    const packets = annotateMqttPackets(malformed);
    expect(packets.map((p) => [p.type, p.complete, p.malformed])).toEqual([['PUBLISH', true, true]]);
    expect(packets[0]!.segments.map((s) => [s.title, s.hex, s.section])).toEqual([
      ['Fixed header: packet type and flags', '30', '2.2'],
      ['Remaining length (malformed)', 'ff ff ff ff', '2.2.3'],
      ['Bytes after a malformed remaining length', '01 00 00 61', '2.2.3'],
    ]);
    expectEveryByteExplainedOnce(packets, malformed.length);
    // The same bytes cut off after three length bytes are a packet still arriving, not a malformed one.
    expect(annotateMqttPackets(bytes('30ffffff')).map((p) => [p.complete, p.malformed])).toEqual([[false, false]]);
  });

  it('names a PUBLISH with both QoS bits set malformed (MQTT 3.1.1 §3.3.1.2), as mqtt-packet does', () => {
    const qos3 = bytes('360500016100' + '01');
    expect(parsedByMqttPacket(qos3).error).toMatch(/both QoS bits/);
    const [packet] = annotateMqttPackets(qos3);
    expect(packet).toMatchObject({ type: 'PUBLISH', complete: true, malformed: true });
    expect(packet!.segments[0]).toMatchObject({ value: expect.stringContaining('both QoS bits'), section: '3.3.1.2' });
    expectEveryByteExplainedOnce([packet!], qos3.length);
  });

  it('names reserved flag bits set wrongly (MQTT 3.1.1 §2.2.2) and reserved packet types (§2.2.1) malformed', () => {
    // SUBSCRIBE must carry flags 0010; PINGREQ 0000.
    const [subscribe] = annotateMqttPackets(bytes('80060001000161' + '00'));
    expect(subscribe).toMatchObject({ type: 'SUBSCRIBE', malformed: true });
    expect(subscribe!.segments[0]).toMatchObject({ value: expect.stringContaining('0010'), section: '2.2.2' });
    const [ping] = annotateMqttPackets(bytes('c100'));
    expect(ping).toMatchObject({ type: 'PINGREQ', malformed: true });
    const [reserved] = annotateMqttPackets(bytes('f000'));
    expect(reserved).toMatchObject({ type: 'reserved (15)', malformed: true });
    expect(reserved!.segments[0]).toMatchObject({ section: '2.2.1' });
    // In Chinese, the same verdicts.
    expect(annotateMqttPackets(bytes('c100'), 'zh-CN')[0]!.segments[0]!.value).toContain('格式错误');
  });
});
