// The recorded Socket.IO session as the page shows it: each WebSocket frame decoded by the protocol core, then its
// payload explained by the Socket.IO annotator. Shared by SocketIoSession.astro and its tests.
import { decodeFrame } from '../lib/protocol/decode-frame.ts';
import { opcodeInfo } from '../lib/protocol/opcodes.ts';
import { annotateSocketIoSession, type SocketIoFrame, type SocketIoMessageNote } from '../lib/protocol/socket-io-packets.ts';
import type { Locale } from '../lib/i18n/locale.ts';

export interface RecordedSocketIoSession {
  request: string;
  response: string;
  frames: { sender: 'client' | 'server'; hex: string }[];
}

export interface SessionRow {
  frame: SocketIoFrame;
  /** The opcode's name from RFC 6455's registry in the page's language: "Text", "Binary", "Close"… */
  opcodeName: string;
  masked: boolean;
  note: SocketIoMessageNote;
}

/** Decodes every recorded frame and explains its payload; a frame that does not decode cleanly is a broken recording. */
export function sessionRows(recording: RecordedSocketIoSession, locale: Locale): SessionRow[] {
  const decoded = recording.frames.map(({ sender, hex }) => {
    const result = decodeFrame(
      Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16)),
      { sender },
    );
    if (result.status !== 'complete' || result.violations.length > 0)
      throw new Error(`A recorded ${sender} frame does not decode cleanly: ${hex}`);
    return { frame: { sender, opcode: result.frame.opcode, payload: result.frame.payload }, masked: result.frame.maskingKey !== null };
  });
  const notes = annotateSocketIoSession(
    decoded.map((d) => d.frame),
    locale,
  );
  return decoded.map((d, i) => ({ ...d, opcodeName: opcodeInfo(d.frame.opcode, locale).name, note: notes[i]! }));
}

/** The request line of the client's upgrade request: which URL a Socket.IO client really asks for. */
export function requestLine(recording: RecordedSocketIoSession): string {
  return recording.request.split('\r\n')[0]!;
}
