// The live MQTT client's logic without the DOM: MQTT 3.1.1's topic rules checked before anything is sent, and each WebSocket message's bytes annotated as MQTT packets.
import { annotateMqttPackets, type MqttPacket } from '../lib/protocol/mqtt-packets.ts';
import type { Locale } from '../lib/i18n/locale.ts';
import { MQTT_CLIENT_TEXT } from './mqtt-client-text.ts';

/** UTF-8 strings in MQTT carry a 2-byte length (MQTT 3.1.1 §1.5.3). */
const MAX_STRING_BYTES = 65_535;
/** What the widget sends at most: far below the relay's DEMO_MQTT_MAX_MESSAGE_BYTES default of 16 KiB. */
export const MAX_MESSAGE_BYTES = 1024;

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/** Why `topic` cannot be published to, or null: §4.7.3 (not empty), §3.3.2.1 (no wildcards), §1.5.3 (no U+0000, at most 65535 bytes). */
export function checkTopicName(topic: string, locale: Locale): string | null {
  const invalid = MQTT_CLIENT_TEXT[locale].invalid;
  if (topic.length === 0) return invalid.emptyTopic;
  const wildcard = ['#', '+'].find((w) => topic.includes(w));
  if (wildcard) return invalid.wildcardInTopic(wildcard);
  return checkString(topic, locale);
}

/** Why `filter` cannot be subscribed to, or null: §4.7.3, §4.7.1.2 (# last and alone in its level), §4.7.1.3 (+ a whole level), §1.5.3. */
export function checkTopicFilter(filter: string, locale: Locale): string | null {
  const invalid = MQTT_CLIENT_TEXT[locale].invalid;
  if (filter.length === 0) return invalid.emptyFilter;
  const levels = filter.split('/');
  for (const [index, level] of levels.entries()) {
    if (level.includes('#') && (level !== '#' || index !== levels.length - 1)) return invalid.hashNotLast;
    if (level.includes('+') && level !== '+') return invalid.plusNotWholeLevel;
  }
  return checkString(filter, locale);
}

export function checkMessage(message: string, locale: Locale): string | null {
  const bytes = utf8Length(message);
  return bytes > MAX_MESSAGE_BYTES ? MQTT_CLIENT_TEXT[locale].invalid.messageTooLong(bytes, MAX_MESSAGE_BYTES) : null;
}

function checkString(text: string, locale: Locale): string | null {
  const invalid = MQTT_CLIENT_TEXT[locale].invalid;
  if (text.includes('\u0000')) return invalid.nulCharacter;
  const bytes = utf8Length(text);
  return bytes > MAX_STRING_BYTES ? invalid.topicTooLong(bytes) : null;
}

/** One WebSocket message the page sent or received, its bytes as MQTT packets, for the frame list. */
export interface SeenMessage {
  sent: boolean;
  bytes: Uint8Array;
  packets: MqttPacket[];
  /** "CONNECT", or "SUBSCRIBE, PUBLISH" when one message carried several packets (MQTT 3.1.1 §6 allows it). */
  summary: string;
}

/**
 * Annotates one message on its own. Packets need not line up with messages (MQTT 3.1.1 §6); over this relay each
 * one carries whole packets in practice, and a packet cut off at the end is marked so, as is a malformed one.
 */
export function seeMessage(sent: boolean, bytes: Uint8Array, locale: Locale): SeenMessage {
  const packets = annotateMqttPackets(bytes, locale);
  const text = MQTT_CLIENT_TEXT[locale];
  const names = packets.map((packet) =>
    packet.malformed ? `${packet.type} ${text.malformed}` : packet.complete ? packet.type : `${packet.type} ${text.incomplete}`,
  );
  return { sent, bytes, packets, summary: text.frame(sent, bytes.length, names.join(', ')) };
}

/** SUBACK's return code for a refused subscription (MQTT 3.1.1 §3.9.3). */
const SUBACK_FAILURE = 0x80;

/**
 * What MQTT.js's subscribe callback says: the QoS the broker granted, a refusal, or null when the subscription never
 * got its SUBACK. MQTT.js reports a return code of 0x80 as an error carrying that code; any other error here means
 * the connection ended first (the filter was checked before sending), which the connection's close explains.
 */
export function subscribeOutcome(
  error: (Error & { code?: unknown }) | null | undefined,
  granted: readonly { qos: number }[] | undefined,
): { refused: true } | { refused: false; qos: number } | null {
  const qos = granted?.[0]?.qos;
  if (error?.code === SUBACK_FAILURE || qos === SUBACK_FAILURE) return { refused: true };
  if (error || qos === undefined) return null;
  return { refused: false, qos };
}

/** A client identifier of the characters every server must accept (MQTT 3.1.1 §3.1.3.1: 0-9, a-z, A-Z). */
export function randomClientId(random: () => number = Math.random): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  let id = 'workshop';
  for (let i = 0; i < 8; i++) id += alphabet[Math.floor(random() * alphabet.length)];
  return id;
}
