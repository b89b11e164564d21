// The MQTT packet annotator against a real broker: the recorded exchange with mosquitto must still be what mosquitto sends, and the annotator must explain every byte of it, field by field.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MQTT_RECORDING_PATH, recordMqttSession, startMosquitto, type MqttRecording } from '../../scripts/record-mqtt-session.ts';
import { annotateMqttPackets, type MqttPacket } from '../../src/lib/protocol/mqtt-packets.ts';
import { findBinary } from '../support/local-servers.ts';

const recording = JSON.parse(readFileSync(MQTT_RECORDING_PATH, 'utf8')) as MqttRecording;
const mosquitto = findBinary('mosquitto', '/usr/sbin/mosquitto');
const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));
const step = (name: string) => recording.steps.find((s) => s.name === name)!;
/** Each segment as "title = value". */
const fields = (packet: MqttPacket) => packet.segments.map((segment) => `${segment.title} = ${segment.value}`);

/** Every byte index of `length`, in order, covered once by the packets' segments. */
function expectEveryByteExplained(packets: MqttPacket[], length: number): void {
  const covered = packets.flatMap((packet) =>
    packet.segments.flatMap((s) => Array.from({ length: s.range.end - s.range.start }, (_, i) => s.range.start + i)),
  );
  expect(covered).toEqual(Array.from({ length }, (_, i) => i));
}

describe.skipIf(!mosquitto)(`${MQTT_RECORDING_PATH}${mosquitto ? '' : ' (mosquitto is not installed: skipped)'}`, () => {
  it('is what mosquitto sends today (run `npm run record:mqtt` after changing the packets)', async () => {
    const broker = await startMosquitto(mosquitto);
    try {
      expect(await recordMqttSession(broker.port)).toEqual(recording);
    } finally {
      await broker.stop();
    }
  });
});

describe('annotateMqttPackets on the recorded exchange', () => {
  it.each(recording.steps.flatMap((s) => [[`${s.name} (sent)`, s.sent] as const, [`${s.name} (received)`, s.received] as const]))(
    'explains every byte of %s, each packet complete',
    (_, hex) => {
      const packets = annotateMqttPackets(bytes(hex));
      expectEveryByteExplained(packets, hex.length / 2);
      expect(packets.every((packet) => packet.complete)).toBe(true);
      expect(packets.flatMap((packet) => packet.segments).filter((s) => s.title.startsWith('Unexplained'))).toEqual([]);
    },
  );

  it("reads the client's CONNECT and mosquitto's CONNACK", () => {
    expect(fields(annotateMqttPackets(bytes(step('connect').sent))[0]!)).toEqual([
      'Fixed header: packet type and flags = CONNECT, flags 0000',
      'Remaining length = 20 bytes',
      'Protocol name = length 4, "MQTT"',
      'Protocol level = 4 (MQTT 3.1.1)',
      'Connect flags = 00000010: clean session',
      'Keep alive = 60 seconds',
      'Client identifier = length 8, "workshop"',
    ]);
    expect(fields(annotateMqttPackets(bytes(step('connect').received))[0]!)).toEqual([
      'Fixed header: packet type and flags = CONNACK, flags 0000',
      'Remaining length = 2 bytes',
      'Acknowledge flags = no session present',
      'Return code = 0: Connection Accepted',
    ]);
  });

  it('reads the SUBACK and the PUBLISH the broker sent back to its subscriber', () => {
    expect(fields(annotateMqttPackets(bytes(step('subscribe').received))[0]!)).toEqual([
      'Fixed header: packet type and flags = SUBACK, flags 0000',
      'Remaining length = 3 bytes',
      'Packet identifier = 1',
      'Return code = granted QoS 0',
    ]);
    expect(fields(annotateMqttPackets(bytes(step('publish').received))[0]!)).toEqual([
      'Fixed header: packet type and flags = PUBLISH, flags 0000 (DUP 0, QoS 0, RETAIN 0)',
      'Remaining length = 26 bytes',
      'Topic name = length 13, "workshop/demo"',
      'Payload = 11 bytes: "Hello, MQTT"',
    ]);
  });

  it('splits packets that share a frame, and marks one cut off by a frame boundary as incomplete (MQTT 3.1.1 §6)', () => {
    const merged = annotateMqttPackets(bytes(step('ping').received + step('connect').received));
    expect(merged.map((packet) => [packet.type, packet.complete])).toEqual([
      ['PINGRESP', true],
      ['CONNACK', true],
    ]);
    const cut = annotateMqttPackets(bytes(step('publish').received.slice(0, 20)));
    expect(cut.map((packet) => [packet.type, packet.complete])).toEqual([['PUBLISH', false]]);
    expectEveryByteExplained(cut, 10);
  });

  it('reads a remaining length of two bytes, 7 bits each, least significant first (MQTT 3.1.1 §2.2.3)', () => {
    // PUBLISH with 200 bytes after the fixed header: 200 = 0x48 + 1×128, written c8 01.
    const publish = bytes(`30c801000174${'61'.repeat(197)}`);
    const [packet] = annotateMqttPackets(publish);
    expect(packet!.segments[1]).toMatchObject({ title: 'Remaining length', hex: 'c8 01', value: '200 bytes' });
    expectEveryByteExplained([packet!], publish.length);
  });
});

describe('annotateMqttPackets in Chinese', () => {
  it('explains the same bytes with the same sections, in Chinese words, keeping types, numbers and strings', () => {
    for (const s of recording.steps) {
      for (const hex of [s.sent, s.received]) {
        const en = annotateMqttPackets(bytes(hex));
        const zh = annotateMqttPackets(bytes(hex), 'zh-CN');
        expect(zh.map((p) => [p.type, p.range, p.segments.map((g) => [g.range, g.hex, g.section])])).toEqual(
          en.map((p) => [p.type, p.range, p.segments.map((g) => [g.range, g.hex, g.section])]),
        );
      }
    }
    const [connack] = annotateMqttPackets(bytes(step('connect').received), 'zh-CN');
    expect(fields(connack!)).toEqual([
      '固定报头：报文类型和标志 = CONNACK，标志 0000',
      '剩余长度 = 2 字节',
      '确认标志 = 没有已存会话',
      '返回码 = 0: 接受连接',
    ]);
    const [publish] = annotateMqttPackets(bytes(step('publish').received), 'zh-CN');
    expect(fields(publish!)).toContain('载荷 = 11 字节："Hello, MQTT"');
  });
});
