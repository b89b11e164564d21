// Explains the Engine.IO 4 and Socket.IO 5 packets inside the WebSocket messages of a Socket.IO session, message by
// message and character by character: what the Socket.IO library writes into each frame's payload.
// Engine.IO protocol: https://github.com/socketio/engine.io-protocol (revision 4, Socket.IO 4's lower layer).
// Socket.IO protocol: https://github.com/socketio/socket.io-protocol (revision 5, from Socket.IO 3 on).
import { spacedHex } from './annotate-frame.ts';
import { Opcode, opcodeInfo } from './opcodes.ts';
import type { Locale } from '../i18n/locale.ts';
import { SOCKET_IO_PACKET_TEXT, type SocketIoPacketText } from './socket-io-packets-text.ts';

/** A run of the payload explained together: a type digit, a namespace, an ack id, the JSON data… Its title names the layer. */
export interface SocketIoPart {
  /** The characters of the payload this part covers; a binary payload's bytes as spaced hex. */
  text: string;
  title: string;
  value: string;
}

/** One WebSocket message of the session as the tap saw it, its payload unmasked. */
export interface SocketIoFrame {
  sender: 'client' | 'server';
  opcode: number;
  payload: Uint8Array;
}

export interface SocketIoMessageNote {
  sender: 'client' | 'server';
  /** The Socket.IO packet type ("EVENT", "ACK", …), else the Engine.IO one ("open", "ping", …), else the frame's. */
  summary: string;
  /** Together the parts' texts are the whole payload, in order (for a binary payload, its hex). */
  parts: SocketIoPart[];
  /** True when the payload breaks the packet format of either protocol; a part's value says how. */
  malformed: boolean;
}

/** Engine.IO 4 packet types, by the digit that starts a text packet. */
export const ENGINE_IO_PACKET_TYPES = ['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'] as const;

/** Socket.IO 5 packet types, by the digit that starts the packet inside an Engine.IO message. */
export const SOCKET_IO_PACKET_TYPES = ['CONNECT', 'DISCONNECT', 'EVENT', 'ACK', 'CONNECT_ERROR', 'BINARY_EVENT', 'BINARY_ACK'] as const;

/**
 * Explains every message of a session in order. Binary attachments follow the BINARY_EVENT or BINARY_ACK that
 * announces them, as separate binary messages from the same side, so each side's count of attachments still to come is
 * carried from one message to the next. Titles and values are in `locale` (English by default).
 */
export function annotateSocketIoSession(frames: SocketIoFrame[], locale: Locale = 'en'): SocketIoMessageNote[] {
  const text = SOCKET_IO_PACKET_TEXT[locale];
  const attachments = { client: { announced: 0, next: 0 }, server: { announced: 0, next: 0 } };
  return frames.map((frame) => {
    const expected = attachments[frame.sender];
    if (frame.opcode === Opcode.Text) {
      const note = annotateTextPacket(frame.sender, new TextDecoder().decode(frame.payload), text);
      expected.announced = note.announcedAttachments;
      expected.next = 0;
      return note.note;
    }
    if (frame.opcode === Opcode.Binary) {
      const bytes = spacedHex(frame.payload);
      if (expected.next < expected.announced) {
        const index = expected.next++;
        return message(frame.sender, text.attachmentSummary, [
          { text: bytes, title: text.titles.attachment, value: text.attachment(index, frame.payload.length) },
        ]);
      }
      // Over WebSocket, Engine.IO sends a binary message packet as is, with no type in front.
      return message(frame.sender, 'message', [
        { text: bytes, title: text.titles.binaryMessage, value: text.binaryMessage(frame.payload.length) },
      ]);
    }
    const name = opcodeInfo(frame.opcode, locale).name;
    const value =
      frame.opcode === Opcode.Close && frame.payload.length === 0 ? text.closeWithoutCode : text.controlFrame(frame.payload.length);
    return message(frame.sender, name, [{ text: spacedHex(frame.payload), title: text.titles.websocketFrame(name), value }]);
  });
}

function message(sender: 'client' | 'server', summary: string, parts: SocketIoPart[], malformed = false): SocketIoMessageNote {
  return { sender, summary, parts, malformed };
}

function annotateTextPacket(
  sender: 'client' | 'server',
  payload: string,
  text: SocketIoPacketText,
): { note: SocketIoMessageNote; announcedAttachments: number } {
  const t = text.titles;
  const typeDigit = payload[0] ?? '';
  if (!/^[0-6]$/.test(typeDigit)) {
    const part: SocketIoPart = { text: payload, title: t.engineType, value: text.notEngineType };
    return { note: message(sender, '?', [part], true), announcedAttachments: 0 };
  }
  const engineType = ENGINE_IO_PACKET_TYPES[Number(typeDigit)]!;
  const parts: SocketIoPart[] = [{ text: typeDigit, title: t.engineType, value: text.engineTypes[engineType] }];
  const rest = payload.slice(1);
  if (engineType !== 'message') {
    const data = rest ? engineData(engineType, rest, text) : undefined;
    if (data) parts.push(data.part);
    return { note: message(sender, engineType, parts, data?.malformed), announcedAttachments: 0 };
  }
  const socketIo = annotateSocketIoPacket(rest, sender, text);
  return {
    note: message(sender, socketIo.type ?? engineType, [...parts, ...socketIo.parts], socketIo.malformed),
    announcedAttachments: socketIo.attachments,
  };
}

/** The data after an Engine.IO type other than message: the open packet's handshake, or "probe" during an upgrade. */
function engineData(engineType: string, data: string, text: SocketIoPacketText): { part: SocketIoPart; malformed: boolean } {
  if (engineType === 'open') {
    const handshake = parseJson(data);
    const malformed = !handshake || typeof handshake !== 'object';
    const value = malformed ? text.notJson : describeHandshake(handshake as Record<string, unknown>, text);
    return { part: { text: data, title: text.titles.handshake, value }, malformed };
  }
  const value = data === 'probe' ? text.probe : text.engineData;
  return { part: { text: data, title: text.titles.engineData, value }, malformed: false };
}

/** `<type>[<attachments>-][<namespace>,][<ack id>][JSON]`, the Socket.IO 5 encoding of the built-in parser. */
function annotateSocketIoPacket(packet: string, sender: 'client' | 'server', text: SocketIoPacketText) {
  const t = text.titles;
  const parts: SocketIoPart[] = [];
  const typeDigit = packet[0] ?? '';
  const type = /^[0-6]$/.test(typeDigit) ? SOCKET_IO_PACKET_TYPES[Number(typeDigit)]! : undefined;
  if (!type) {
    parts.push({ text: packet, title: t.socketType, value: packet ? text.notSocketType : text.emptyMessage });
    return { type, parts, malformed: true, attachments: 0 };
  }
  const meaning = type === 'CONNECT' && sender === 'server' ? text.connectAccepted : text.socketTypes[type];
  parts.push({ text: typeDigit, title: t.socketType, value: meaning });
  let at = 1;
  let attachments = 0;
  if (type === 'BINARY_EVENT' || type === 'BINARY_ACK') {
    const count = /^(\d+)-/.exec(packet.slice(at));
    if (!count) {
      parts.push({ text: packet.slice(at), title: t.attachmentCount, value: text.noAttachmentCount });
      return { type, parts, malformed: true, attachments: 0 };
    }
    attachments = Number(count[1]);
    parts.push({ text: count[0], title: t.attachmentCount, value: text.attachmentCount(attachments) });
    at += count[0].length;
  }
  if (packet[at] === '/') {
    const comma = packet.indexOf(',', at);
    const end = comma < 0 ? packet.length : comma + 1;
    parts.push({ text: packet.slice(at, end), title: t.namespace, value: text.namespace(packet.slice(at, comma < 0 ? end : comma)) });
    at = end;
  }
  const id = /^\d+/.exec(packet.slice(at));
  if (id) {
    parts.push({ text: id[0], title: t.ackId, value: text.ackId(type, Number(id[0])) });
    at += id[0].length;
  }
  let malformed = false;
  if (at < packet.length) {
    const json = packet.slice(at);
    const data = parseJson(json);
    // An EVENT's data must be a non-empty array (its first item is the event's name); an ACK's must be an array.
    malformed = data === undefined || !dataFits(type, data);
    parts.push({
      text: json,
      title: t.data,
      value: data === undefined ? text.notJson : dataFits(type, data) ? describeData(type, sender, data, text) : text.dataMustBeArray(type),
    });
  }
  return { type, parts, malformed, attachments };
}

function describeHandshake(fields: Record<string, unknown>, text: SocketIoPacketText): string {
  const upgrades = Array.isArray(fields['upgrades']) ? fields['upgrades'].map(String) : [];
  const [sid, pingInterval, pingTimeout, maxPayload] = ['sid', 'pingInterval', 'pingTimeout', 'maxPayload'].map(
    (name) => JSON.stringify(fields[name]) ?? '?',
  );
  return text.handshake({ sid: sid!, upgrades, pingInterval: pingInterval!, pingTimeout: pingTimeout!, maxPayload: maxPayload! });
}

function describeData(type: string, sender: 'client' | 'server', data: unknown, text: SocketIoPacketText): string {
  const fields = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  if (type === 'CONNECT') return sender === 'server' ? text.namespaceSid(JSON.stringify(fields['sid']) ?? '?') : text.connectAuth;
  if (type === 'CONNECT_ERROR') return text.refusal(JSON.stringify(fields['message'] ?? data));
  if (!Array.isArray(data)) return JSON.stringify(data);
  const stands = placeholders(data).map(text.placeholder).join('');
  if (type === 'EVENT' || type === 'BINARY_EVENT') return text.event(JSON.stringify(data[0]), data.length - 1) + stands;
  return text.answer(data.length) + stands;
}

/** The attachments the data's placeholders stand for, by their `num`, in order. */
function placeholders(data: unknown): number[] {
  if (!data || typeof data !== 'object') return [];
  const fields = data as Record<string, unknown>;
  if (fields['_placeholder'] === true && typeof fields['num'] === 'number') return [fields['num']];
  return Object.values(fields).flatMap(placeholders);
}

function dataFits(type: string, data: unknown): boolean {
  if (type === 'EVENT' || type === 'BINARY_EVENT') return Array.isArray(data) && data.length > 0;
  if (type === 'ACK' || type === 'BINARY_ACK') return Array.isArray(data);
  return true;
}

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}
