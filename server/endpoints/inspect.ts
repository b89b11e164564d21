// /ws/inspect: reports the handshake exactly as it went over the wire, then every frame the client sends, byte for byte.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { DemoServerOptions } from '../limits.ts';
import type { Upgrade } from '../index.ts';
import { FrameParser, hex, type DecodedFrame, type ParserOptions } from '../../src/lib/protocol/index.ts';
import type { CapturedFrame, HandshakeMessage, InspectMessage } from '../../src/lib/demo-messages.ts';

export const path = '/ws/inspect';

export function onConnection(socket: WebSocket, options: DemoServerOptions, request: IncomingMessage, upgrade: Upgrade): void {
  const send = (message: InspectMessage) =>
    socket.send(JSON.stringify(message), () => {
      // Reading resumes once the peer has drained what we queued for it, as in /ws/echo.
      if (socket.isPaused && socket.bufferedAmount <= options.maxBufferedBytes) socket.resume();
    });

  send({
    type: 'handshake',
    request: requestAsReceived(request),
    response: responseAsSent(upgrade.responseLines),
    ...overHttp2(request, upgrade),
  });

  const tap = new FrameTap(options.maxMessageBytes);
  let reportedBytes = 0;
  // Prepended, so each report is queued before ws acts on the same bytes: the client learns what its Close
  // frame (or a frame that breaks a rule) looked like before the server's Close answers it. ws unshifts the
  // upgrade's `head` bytes back into the stream, so they arrive here as the first chunk.
  upgrade.stream.prependListener('data', (chunk: Buffer) => {
    if (socket.readyState !== socket.OPEN) return;
    for (const report of tap.push(chunk)) {
      if (report.type === 'frame') {
        const frameBytes = report.hex.length / 2;
        if (reportedBytes + frameBytes > options.inspectBudgetBytes) {
          send({
            type: 'budget-used',
            budgetBytes: options.inspectBudgetBytes,
            message: `This connection has had ${reportedBytes} bytes of frames reported, and the next frame would pass its budget of ${options.inspectBudgetBytes} bytes. Reconnect to inspect more.`,
          });
          socket.close(1008, 'Inspect budget used up; reconnect to inspect more');
          return;
        }
        reportedBytes += frameBytes;
      }
      send(report);
    }
    // A client that sends but never reads would otherwise grow our send queue: every frame comes back as hex.
    if (socket.bufferedAmount > options.maxBufferedBytes) socket.pause();
  });
}

/**
 * Runs the client's byte stream through the protocol core's FrameParser and keeps the bytes of each frame
 * exactly as they arrived, however TCP chunked them.
 */
export class FrameTap {
  readonly #parser: FrameParser;
  /** Bytes not yet part of a reported frame, and the stream offset of the first of them. */
  #pending: Buffer[] = [];
  #pendingOffset = 0;
  #frames = 0;

  /** `parser` overrides the defaults: the client's frames, with no extension negotiated. */
  constructor(maxMessageBytes: number, parser: Partial<ParserOptions> = {}) {
    this.#parser = new FrameParser({ sender: 'client', maxMessageLength: maxMessageBytes, ...parser });
  }

  push(chunk: Buffer): InspectMessage[] {
    // A copy: ws's Receiver unmasks payloads in place, in the very buffers the socket hands to every listener.
    this.#pending.push(Buffer.from(chunk));
    const events = this.#parser.push(chunk);
    if (events.length === 0) return [];
    // One copy per chunk, not per frame, so a chunk full of small frames costs linear time.
    const buffered = Buffer.concat(this.#pending);
    let consumed = 0;
    const reports: InspectMessage[] = [];
    for (const event of events) {
      if (event.kind === 'failed') {
        const { id, section, explanation, closeCode } = event.violation;
        reports.push({ type: 'violation', offset: event.offset, id, section, explanation, closeCode });
      } else if (event.kind === 'frame') {
        const start = event.offset - this.#pendingOffset;
        consumed = start + event.decoded.byteLength;
        reports.push(captured(event.decoded, this.#frames++, event.offset, buffered.subarray(start, consumed)));
      }
    }
    this.#pending = consumed < buffered.length ? [buffered.subarray(consumed)] : [];
    this.#pendingOffset += consumed;
    return reports;
  }
}

function captured(decoded: DecodedFrame, index: number, offset: number, bytes: Uint8Array): CapturedFrame {
  const { frame } = decoded;
  return {
    type: 'frame',
    index,
    offset,
    hex: hex(bytes),
    fin: frame.fin,
    rsv1: frame.rsv1,
    rsv2: frame.rsv2,
    rsv3: frame.rsv3,
    opcode: frame.opcode,
    maskingKey: frame.maskingKey === null ? null : hex(frame.maskingKey),
    payloadLength: decoded.payloadLength,
    lengthEncoding: decoded.lengthEncoding,
  };
}

/** Over HTTP/2 the WebSocket is one stream (RFC 8441 §5), and the stream under it is Node's Http2Stream, which has its id. */
export function overHttp2(request: IncomingMessage, upgrade: Upgrade): { http2: { streamId: number } } | Record<string, never> {
  if (request.httpVersionMajor !== 2) return {};
  return { http2: { streamId: (upgrade.stream as Duplex & { id: number }).id } };
}

/** The request line and headers as Node received them: rawHeaders keeps order, case and repeats. */
export function requestAsReceived(request: IncomingMessage): HandshakeMessage {
  const headers: [string, string][] = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) headers.push([request.rawHeaders[i]!, request.rawHeaders[i + 1]!]);
  return { startLine: `${request.method} ${request.url} HTTP/${request.httpVersion}`, headers };
}

/** ws's response lines (`HTTP/1.1 101 Switching Protocols`, then `Name: value`) as a start line and headers. */
export function responseAsSent(lines: readonly string[]): HandshakeMessage {
  const [startLine = '', ...rest] = lines;
  const headers = rest.map((line): [string, string] => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon), line.slice(colon + 1).trim()];
  });
  return { startLine, headers };
}
