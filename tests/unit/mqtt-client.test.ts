// The live MQTT client's checks and annotations: MQTT 3.1.1's topic rules in both languages, and messages split into packets.
import { describe, expect, it } from 'vitest';
import {
  checkMessage,
  checkTopicFilter,
  checkTopicName,
  MAX_MESSAGE_BYTES,
  randomClientId,
  seeMessage,
  subscribeOutcome,
} from '../../src/components/mqtt-client.ts';
import { MQTT_CLIENT_TEXT } from '../../src/components/mqtt-client-text.ts';

const en = MQTT_CLIENT_TEXT.en.invalid;
const zh = MQTT_CLIENT_TEXT['zh-CN'].invalid;

describe('checkTopicName (a topic published to)', () => {
  it('takes a plain topic, levels and spaces included', () => {
    expect(checkTopicName('workshop/demo', 'en')).toBeNull();
    expect(checkTopicName('/a b/', 'en')).toBeNull();
  });

  it('refuses an empty topic, a wildcard, U+0000 and more than 65535 bytes, naming the rule', () => {
    expect(checkTopicName('', 'en')).toBe(en.emptyTopic);
    expect(checkTopicName('sport/#', 'en')).toBe(en.wildcardInTopic('#'));
    expect(checkTopicName('sport/+/x', 'zh-CN')).toBe(zh.wildcardInTopic('+'));
    expect(checkTopicName('a\u0000b', 'en')).toBe(en.nulCharacter);
    // 21846 three-byte characters: 65538 bytes of UTF-8, though only 21846 UTF-16 code units.
    expect(checkTopicName('中'.repeat(21_846), 'en')).toBe(en.topicTooLong(65_538));
    expect(en.topicTooLong(65_538)).toContain('65,538');
    expect(checkTopicName('中'.repeat(21_845), 'en')).toBeNull();
    expect(en.wildcardInTopic('#')).toContain('§3.3.2.1');
    expect(zh.emptyTopic).toContain('§4.7.3');
  });
});

describe('checkTopicFilter (a subscription)', () => {
  it.each(['sport/#', '#', 'sport/+/player1', '+', '+/+', 'sport/+', '/+'])('takes %s', (filter) => {
    expect(checkTopicFilter(filter, 'en')).toBeNull();
  });

  it.each([
    ['sport/tennis#', 'hashNotLast'],
    ['sport/#/ranking', 'hashNotLast'],
    ['sport+', 'plusNotWholeLevel'],
    ['sport/+tennis', 'plusNotWholeLevel'],
  ] as const)('refuses %s (%s)', (filter, rule) => {
    expect(checkTopicFilter(filter, 'en')).toBe(en[rule]);
    expect(checkTopicFilter(filter, 'zh-CN')).toBe(zh[rule]);
  });

  it('refuses an empty filter', () => {
    expect(checkTopicFilter('', 'zh-CN')).toBe(zh.emptyFilter);
  });
});

describe('checkMessage', () => {
  it('takes up to MAX_MESSAGE_BYTES bytes of UTF-8', () => {
    expect(checkMessage('x'.repeat(MAX_MESSAGE_BYTES), 'en')).toBeNull();
    expect(checkMessage('é'.repeat(MAX_MESSAGE_BYTES / 2 + 1), 'en')).toBe(en.messageTooLong(MAX_MESSAGE_BYTES + 2, MAX_MESSAGE_BYTES));
  });
});

describe('seeMessage', () => {
  const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));

  it('names every packet one message carries, in order, and marks one cut off', () => {
    // SUBACK (5 bytes) and a PUBLISH to "a" of "hi" (7 bytes) in one message, then a PUBLISH cut after 3 bytes.
    const merged = seeMessage(false, bytes('9003000100' + '30050001616869'), 'en');
    expect(merged.packets.map((p) => p.type)).toEqual(['SUBACK', 'PUBLISH']);
    expect(merged.summary).toBe('Server → page, 12 bytes: SUBACK, PUBLISH');
    const cut = seeMessage(true, bytes('300500'), 'zh-CN');
    expect(cut.summary).toBe('页面 → 服务器，3 字节：PUBLISH （在下一条消息中继续）');
  });

  it('calls a malformed packet malformed, not one that continues in the next message', () => {
    // A remaining length whose fourth byte still says another follows (MQTT 3.1.1 §2.2.3 allows four at most).
    expect(seeMessage(false, bytes('30ffffffff01'), 'en').summary).toBe('Server → page, 6 bytes: PUBLISH (malformed)');
    expect(seeMessage(false, bytes('c100'), 'zh-CN').summary).toBe('服务器 → 页面，2 字节：PINGREQ （格式错误）');
  });
});

describe('subscribeOutcome', () => {
  it('tells a granted QoS, a SUBACK refusal (0x80, which MQTT.js reports as an error with that code) and a connection that ended first apart', () => {
    expect(subscribeOutcome(null, [{ qos: 0 }])).toEqual({ refused: false, qos: 0 });
    // MQTT.js handlers/ack.js: new Error(`Subscribe error: …`) with err.code = the return code.
    const refusal = Object.assign(new Error('Subscribe error: Unspecified error'), { code: 0x80 });
    expect(subscribeOutcome(refusal, undefined)).toEqual({ refused: true });
    expect(subscribeOutcome(null, [{ qos: 0x80 }])).toEqual({ refused: true });
    // MQTT.js client.js flushes what is outstanding with "Connection closed": not the broker's answer.
    expect(subscribeOutcome(new Error('Connection closed'), undefined)).toBeNull();
  });
});

describe('randomClientId', () => {
  it('uses only 0-9 and a-z, at most 23 characters, which every server must accept (MQTT 3.1.1 §3.1.3.1)', () => {
    expect(randomClientId(() => 0.999)).toBe('workshopzzzzzzzz');
    expect(randomClientId()).toMatch(/^workshop[0-9a-z]{8}$/);
  });
});
