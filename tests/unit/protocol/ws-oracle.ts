// Test-only bridge to ws's own Sender and Receiver, the reference implementation these tests compare against.
import { createRequire } from 'node:module';
import type { EventEmitter } from 'node:events';

// @types/ws declares neither class nor the status-code symbol, so they are loaded and typed here.
const require = createRequire(import.meta.url);

interface WsSenderClass {
  frame(
    data: Buffer,
    options: { fin: boolean; rsv1: boolean; opcode: number; mask: boolean; readOnly: boolean; generateMask?: (mask: Buffer) => void },
  ): Buffer[];
}
interface WsReceiver extends EventEmitter {
  write(chunk: Buffer): boolean;
}
interface WsReceiverClass {
  new (options: {
    isServer: boolean;
    binaryType: 'nodebuffer';
    extensions: object;
    maxPayload: number;
    skipUTF8Validation: boolean;
  }): WsReceiver;
}

const { Sender, Receiver } = require('ws') as { Sender: WsSenderClass; Receiver: WsReceiverClass };
// ws's "exports" map hides lib/, so its constants are loaded by file path, next to its entry point.
const { kStatusCode } = require(require.resolve('ws').replace(/index\.js$/, 'lib/constants.js')) as { kStatusCode: symbol };

/** What a receiver makes of some bytes: the events it delivers, then the close code it fails with, if any. */
export interface Reception {
  events: (
    { kind: 'text'; text: string } | { kind: 'binary' | 'ping' | 'pong'; hex: string } | { kind: 'close'; code: number; reason: string }
  )[];
  failedWith: number | null;
}

/** The bytes ws's Sender produces for a frame, with the masking key fixed instead of random. */
export function wsFrame(
  payload: Uint8Array,
  options: { fin: boolean; rsv1: boolean; opcode: number; maskingKey: Uint8Array | null },
): Uint8Array {
  const { maskingKey } = options;
  const buffers = Sender.frame(Buffer.from(payload), {
    fin: options.fin,
    rsv1: options.rsv1,
    opcode: options.opcode,
    mask: maskingKey !== null,
    readOnly: true,
    ...(maskingKey !== null && { generateMask: (mask: Buffer) => mask.set(maskingKey) }),
  });
  return new Uint8Array(Buffer.concat(buffers));
}

/** Feeds bytes to ws's Receiver on the side that receives from `sender`, and records what it does. */
export async function wsReceive(bytes: Uint8Array, sender: 'client' | 'server'): Promise<Reception> {
  const receiver = new Receiver({
    isServer: sender === 'client',
    binaryType: 'nodebuffer',
    extensions: {},
    maxPayload: 0,
    skipUTF8Validation: false,
  });
  const reception: Reception = { events: [], failedWith: null };
  receiver.on('message', (data: Buffer, isBinary: boolean) => {
    reception.events.push(isBinary ? { kind: 'binary', hex: data.toString('hex') } : { kind: 'text', text: data.toString('utf8') });
  });
  receiver.on('ping', (data: Buffer) => reception.events.push({ kind: 'ping', hex: data.toString('hex') }));
  receiver.on('pong', (data: Buffer) => reception.events.push({ kind: 'pong', hex: data.toString('hex') }));
  receiver.on('conclude', (code: number, reason: Buffer) =>
    reception.events.push({ kind: 'close', code, reason: reason.toString('utf8') }),
  );
  receiver.on('error', (error: Record<symbol, number>) => {
    reception.failedWith = error[kStatusCode] ?? null;
  });
  receiver.write(Buffer.from(bytes));
  // A stream reports errors on a later tick.
  await new Promise((resolve) => setImmediate(resolve));
  return reception;
}

interface WsPerMessageDeflate {
  accept(configurations: Record<string, (string | true)[]>[]): Record<string, unknown>;
  compress(data: Buffer, fin: boolean, callback: (error: Error | null, result: Buffer) => void): void;
  cleanup(): void;
}
interface WsPerMessageDeflateClass {
  new (options: { isServer: boolean; serverNoContextTakeover?: boolean; threshold?: number }): WsPerMessageDeflate;
}
const PerMessageDeflate = require(require.resolve('ws').replace(/index\.js$/, 'lib/permessage-deflate.js')) as WsPerMessageDeflateClass;

/**
 * ws's own permessage-deflate as a server: each call compresses one message, exactly as ws would send it (RFC 7692 §7.2.1,
 * the 00 00 ff ff tail removed). With `contextTakeover: false` it agrees to server_no_context_takeover.
 */
export function wsServerCompressor(contextTakeover: boolean): {
  compress(message: string | Uint8Array): Promise<Uint8Array>;
  close(): void;
} {
  const deflate = new PerMessageDeflate({ isServer: true, serverNoContextTakeover: !contextTakeover });
  deflate.accept([{}]);
  return {
    compress: (message) =>
      new Promise((resolve, reject) =>
        deflate.compress(Buffer.from(message), true, (error, result) => (error ? reject(error) : resolve(new Uint8Array(result)))),
      ),
    close: () => deflate.cleanup(),
  };
}
