// Small builders shared by the case files, so each case reads like Autobahn's description of it.
import type { CaseEnd, ExpectedClose, Observed, Payload } from './case-types.ts';

export const NORMAL = 1000;
export const PROTOCOL_ERROR = 1002;
export const INVALID_PAYLOAD = 1007;

/** The prober closes normally once the expected replies are in, and the handshake must complete. */
export const cleanNormalClose: ExpectedClose = { closedByMe: true, closeCode: [NORMAL], requireClean: true };

/** The server must fail the connection itself, with this code or by dropping TCP (§7.1.7). */
export function serverFails(code: number = PROTOCOL_ERROR, utf8 = false): ExpectedClose {
  return { closedByMe: false, closeCode: [code], requireClean: false, ...(utf8 ? { closedByWrongEndpointIsFatal: true } : {}) };
}

export const killAfter = (seconds: number): CaseEnd => ({ action: 'kill', afterMs: seconds * 1000 });
export const closeAfter = (seconds: number): CaseEnd => ({ action: 'close', afterMs: seconds * 1000 });

/** The bytes of a payload, expanding repeated patterns. */
export function payloadBytes(payload: Payload | undefined): Uint8Array {
  if (payload === undefined) return new Uint8Array(0);
  if (typeof payload === 'string') return new TextEncoder().encode(payload);
  if (payload instanceof Uint8Array) return payload;
  const unit = payloadBytes(payload.repeat);
  const bytes = new Uint8Array(payload.length);
  for (let at = 0; at < payload.length; at += unit.length) bytes.set(unit.subarray(0, Math.min(unit.length, payload.length - at)), at);
  return bytes;
}

/** Bytes from a hex string; spaces are ignored. */
export function fromHex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  const bytes = new Uint8Array(clean.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

export const textEcho = (payload: Payload): Observed => ({ kind: 'message', binary: false, data: payloadBytes(payload) });
export const binaryEcho = (payload: Payload): Observed => ({ kind: 'message', binary: true, data: payloadBytes(payload) });
export const pong = (payload: Payload = ''): Observed => ({ kind: 'pong', data: payloadBytes(payload) });
export const timeout = (tag: string): Observed => ({ kind: 'timeout', tag });

/** `n` copies of one byte, as Autobahn's `"\xfe" * n`. */
export const repeated = (byte: number, length: number): Payload => ({ repeat: new Uint8Array([byte]), length });

/** The masking key of every frame the suite sends, so every run writes the same bytes (RFC 6455 §5.7's example key). */
export const SUITE_MASKING_KEY = new Uint8Array([0x37, 0xfa, 0x21, 0x3d]);
