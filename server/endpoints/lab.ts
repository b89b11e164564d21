// /ws/lab: performs the protocol act a widget asks for, after announcing the exact bytes it is about to write.
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { DemoServerOptions } from '../limits.ts';
import type { Upgrade } from '../index.ts';
import { FrameTap } from './inspect.ts';
import { closeCodeInfo, encodeFrame, hex, isSendableCloseCode, Opcode, type FrameToEncode } from '../../src/lib/protocol/index.ts';
import {
  LAB_ACTS,
  LAB_MAX_FRAGMENTS,
  MAX_CLOSE_REASON_BYTES,
  type AnnouncedFrame,
  type LabErrorCode,
  type LabMessage,
  type LabRefusal,
  type LabRequest,
} from '../../src/lib/demo-messages.ts';

export const path = '/ws/lab';
/**
 * The lab speaks no subprotocol, so it declines every one offered: the echo console's "subprotocol the server does
 * not speak" lets a reader see what their browser does then (WHATWG says: fail the connection).
 */
export const subprotocols: readonly string[] = [];

/** The text the fragments act splits, long enough for 16 fragments of at least one byte. */
export const FRAGMENTED_TEXT = 'One message, sent in fragments (RFC 6455 §5.4).';
/** The RFC's own example of a masked frame (§5.7): "Hello" masked with 37 fa 21 3d. Servers must not send it (§5.1). */
const RFC_MASKING_KEY = new Uint8Array([0x37, 0xfa, 0x21, 0x3d]);
/** "café" as Latin-1, a common way real text ends up as invalid UTF-8: e9 starts a 3-byte sequence that never comes. */
const LATIN1_CAFE = new Uint8Array([0x63, 0x61, 0x66, 0xe9]);
const MINUTE_MS = 60_000;

export function onConnection(socket: WebSocket, options: DemoServerOptions, _request: IncomingMessage, upgrade: Upgrade): void {
  const send = (message: LabMessage) => socket.send(JSON.stringify(message));
  const recent: number[] = [];
  let pings = 0;

  // The browser answers a Ping with a Pong on its own, and the page sees no event for it, so the server reports
  // the Pong as it arrived. The tap sees the raw bytes, mask included, which ws's 'pong' event would not show.
  const tap = new FrameTap(options.maxMessageBytes);
  upgrade.stream.prependListener('data', (chunk: Buffer) => {
    for (const report of tap.push(chunk)) {
      // The heartbeat's pings are empty and the lab's never are, so an empty Pong answers the heartbeat: not reported.
      if (report.type === 'frame' && report.opcode === Opcode.Pong && report.payloadLength > 0 && socket.readyState === socket.OPEN) {
        send({ type: 'pong-received', hex: report.hex });
      }
    }
  });

  socket.on('message', (data, isBinary) => {
    const now = Date.now();
    while (recent.length > 0 && recent[0]! <= now - MINUTE_MS) recent.shift();
    if (recent.length >= options.labRequestsPerMinute) {
      const wait = Math.ceil((recent[0]! + MINUTE_MS - now) / 1000);
      send(
        refusal(
          'DEMO_ERR_RATE_LIMITED',
          `This connection may make ${options.labRequestsPerMinute} requests a minute; try again in ${wait} s.`,
        ),
      );
      return;
    }
    recent.push(now);
    if (isBinary) {
      send(refusal('DEMO_ERR_BINARY', 'The lab reads requests as JSON text messages, and this one was binary.'));
      return;
    }
    const request = parseLabRequest(String(data));
    if ('type' in request) {
      send(request);
      return;
    }
    perform(request, ++pings);
  });

  function perform(request: LabRequest, count: number): void {
    const stream = upgrade.stream;
    const announce = (description: string, frames: AnnouncedFrame[]) =>
      send({ type: 'about-to-send', act: request.act, description, frames });
    // These frames are written straight to the TCP socket, beside ws rather than through it: ws refuses to
    // build frames that break the protocol. ws writes its own frames synchronously (no compression is
    // negotiated), so nothing of ws's can land in the middle of ours.
    const writeRaw = (frames: AnnouncedFrame[]) => stream.write(Buffer.concat(frames.map((f) => Buffer.from(f.hex, 'hex'))));

    switch (request.act) {
      case 'ping': {
        const frames = [
          frame({ opcode: Opcode.Ping, payload: `lab ping ${count}` }, 'Ping (opcode 0x9) with a short payload the Pong must echo.'),
        ];
        announce('A Ping. The browser must answer with a Pong carrying the same payload (§5.5.2, §5.5.3); the page sees no event.', frames);
        writeRaw(frames);
        return;
      }
      case 'fragments': {
        const frames = fragments(FRAGMENTED_TEXT, request.count);
        announce(
          `One text message in ${request.count} fragment${request.count === 1 ? '' : 's'}: the first frame has the text opcode, the rest are continuations, and only the last has FIN set (§5.4). The page gets one message event.`,
          frames,
        );
        writeRaw(frames);
        return;
      }
      case 'close': {
        const { code, reason } = request;
        const body = code === null ? new Uint8Array(0) : closeBody(code, reason);
        const note =
          code === null
            ? 'Close (opcode 0x8) with an empty body.'
            : `Close (opcode 0x8): status ${code} (${closeCodeInfo(code).name}) and the reason in UTF-8.`;
        announce(
          code === null
            ? 'A Close frame with no status code. The browser answers with its own Close; with no code on the wire, the API reports 1005 (§7.1.5, §7.4.1).'
            : `A Close frame with status ${code}. The browser answers with its own Close (§5.5.1). Then the server closes the TCP connection first (§5.5.1, §7.1.1).`,
          [frame({ opcode: Opcode.Close, payload: body }, note)],
        );
        // Through ws, not raw: ws must know it started the close handshake, or it would answer the browser's Close
        // with a second one. The frame ws writes is the one announced: FIN, opcode 0x8, unmasked, code then reason.
        if (code === null) socket.close();
        else socket.close(code, reason);
        return;
      }
      case 'invalid-utf8': {
        const frames = [
          frame(
            { opcode: Opcode.Text, payload: LATIN1_CAFE },
            'Text (opcode 0x1) whose payload is "café" in Latin-1: e9 is not valid UTF-8 there.',
          ),
        ];
        announce(
          'A text frame that is not valid UTF-8. The browser must fail the connection (§8.1) and should send a Close first (§7.1.7), for which §7.4.1 offers 1007; Chromium sends 1002, Firefox sends no Close. The page sees 1006, because no Close frame arrived (§7.1.5).',
          frames,
        );
        writeRaw(frames);
        return;
      }
      case 'reserved-opcode': {
        const frames = [frame({ opcode: 0x3, payload: 'reserved' }, 'Opcode 0x3, reserved for future non-control frames.')];
        announce(
          'A frame with the reserved opcode 0x3. No extension defines it, so the browser must fail the connection (§5.2), and should send a Close first (§7.1.7), such as 1002 (protocol error). The page sees 1006 (§7.1.5).',
          frames,
        );
        writeRaw(frames);
        return;
      }
      case 'masked-frame': {
        const frames = [
          frame(
            { opcode: Opcode.Text, payload: 'Hello', maskingKey: RFC_MASKING_KEY },
            'The RFC\'s masked "Hello" (§5.7), sent by the server this time.',
          ),
        ];
        announce(
          'A masked text frame. A server must not mask any frame (§5.1). A client that receives one must close the connection, and may send 1002 first (§5.1). Chromium does, and the page sees 1006 (§7.1.5); Firefox ESR was seen to deliver the message instead.',
          frames,
        );
        writeRaw(frames);
        return;
      }
      case 'reset': {
        announce(
          'No WebSocket bytes at all: the server resets the TCP connection (an RST segment), so there is no close handshake and the API reports 1006 (§7.1.5).',
          [],
        );
        // Give the announcement time to reach the browser: a reset discards whatever is still unsent.
        const timer = setTimeout(() => {
          const tcp = stream as Partial<Socket>;
          if (typeof tcp.resetAndDestroy === 'function') tcp.resetAndDestroy();
          else stream.destroy();
        }, 100);
        socket.once('close', () => clearTimeout(timer));
        return;
      }
    }
  }
}

/** Validates a request; returns what to perform, or a refusal that names the problem. */
export function parseLabRequest(text: string): LabRequest | LabRefusal {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refusal('DEMO_ERR_NOT_JSON', `The lab reads requests as JSON, like {"act":"ping"}, and ${quote(text)} is not JSON.`);
  }
  const known = LAB_ACTS.join(', ');
  if (typeof value !== 'object' || value === null || !('act' in value) || typeof value.act !== 'string') {
    return refusal('DEMO_ERR_UNKNOWN_ACT', `A request is a JSON object with an "act", one of: ${known}.`);
  }
  const request = value as Record<string, unknown>;
  switch (request['act']) {
    case 'ping':
    case 'invalid-utf8':
    case 'reserved-opcode':
    case 'masked-frame':
    case 'reset':
      return { act: request['act'] };
    case 'fragments': {
      const count = request['count'];
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > LAB_MAX_FRAGMENTS) {
        return refusal(
          'DEMO_ERR_BAD_ARGUMENT',
          `"count" must be a whole number from 1 to ${LAB_MAX_FRAGMENTS}, and it is ${quote(count)}.`,
        );
      }
      return { act: 'fragments', count };
    }
    case 'close': {
      const code = request['code'] ?? null;
      const reason = request['reason'] ?? '';
      if (typeof reason !== 'string') return refusal('DEMO_ERR_BAD_ARGUMENT', `"reason" must be a string, and it is ${quote(reason)}.`);
      if (code === null) {
        if (reason !== '')
          return refusal(
            'DEMO_ERR_BAD_ARGUMENT',
            'A reason needs a status code before it: a Close body starts with the 2-byte code (§5.5.1).',
          );
        return { act: 'close', code: null, reason: '' };
      }
      if (typeof code !== 'number' || !isSendableCloseCode(code)) {
        const why =
          typeof code === 'number' && Number.isInteger(code) && code >= 0 && code <= 65535 ? ` (${closeCodeInfo(code).meaning})` : '';
        return refusal(
          'DEMO_ERR_BAD_ARGUMENT',
          `Status ${quote(code)} may not be sent in a Close frame${why}. Use 1000–1003, 1007–1011 or 3000–4999 (§7.4); 1012–1014 are allowed too, added to the IANA registry after RFC 6455.`,
        );
      }
      const reasonBytes = new TextEncoder().encode(reason).length;
      if (reasonBytes > MAX_CLOSE_REASON_BYTES) {
        return refusal(
          'DEMO_ERR_BAD_ARGUMENT',
          `The reason is ${reasonBytes} bytes in UTF-8; a Close frame holds at most ${MAX_CLOSE_REASON_BYTES} after the 2-byte code, because control frames carry at most 125 (§5.5).`,
        );
      }
      return { act: 'close', code, reason };
    }
    default:
      return refusal('DEMO_ERR_UNKNOWN_ACT', `The lab does not know the act ${quote(request['act'])}. It knows: ${known}.`);
  }
}

/** Splits UTF-8 text into `count` frames of nearly equal size (a split may fall inside a character, which §5.6 allows): text first, then continuations, FIN on the last. */
export function fragments(text: string, count: number): AnnouncedFrame[] {
  const bytes = new TextEncoder().encode(text);
  const boundary = (i: number) => Math.floor((i * bytes.length) / count);
  return Array.from({ length: count }, (_, i) => {
    const last = i === count - 1;
    const payload = bytes.subarray(boundary(i), boundary(i + 1));
    const kind = i === 0 ? 'Text (opcode 0x1)' : 'Continuation (opcode 0x0)';
    return frame(
      { opcode: i === 0 ? Opcode.Text : Opcode.Continuation, fin: last, payload },
      `Fragment ${i + 1} of ${count}: ${kind}, FIN ${last ? 'set' : 'clear'}.`,
    );
  });
}

function closeBody(code: number, reason: string): Uint8Array {
  const text = new TextEncoder().encode(reason);
  const body = new Uint8Array(2 + text.length);
  body[0] = code >> 8;
  body[1] = code & 0xff;
  body.set(text, 2);
  return body;
}

function frame(fields: FrameToEncode, note: string): AnnouncedFrame {
  return { hex: hex(encodeFrame(fields, { sender: 'server' }).bytes), note };
}

function refusal(code: LabErrorCode, message: string): LabRefusal {
  return { type: 'refused', code, message };
}

function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
