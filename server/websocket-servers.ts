// The ws WebSocketServers the demo server hands upgrades to: one without compression, and one per permessage-deflate setting an endpoint asks for.
import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type PerMessageDeflateOptions, type Server, type ServerOptions, type WebSocket } from 'ws';
import type { DemoProtocolError } from './demo-errors.ts';
import type { DemoServerOptions } from './limits.ts';

/** One permessage-deflate setting: ws takes it per server, not per connection, so each distinct `key` gets a server. */
export interface Compression {
  /** Names the setting; requests with the same key share one WebSocketServer. */
  key: string;
  /** The largest message, judged after inflating (ws's maxPayload), in bytes. */
  maxPayload: number;
  perMessageDeflate: PerMessageDeflateOptions;
}

/** A place among an endpoint's compressed connections, handed back with `release` (idempotent) when the connection ends. */
export interface CompressionPlace {
  compression: Compression;
  release(): void;
}

/**
 * What an endpoint that compresses decides for a handshake: compress (a place), refuse (the error), or null, an
 * uncompressed connection, as on every other endpoint.
 */
export type CompressionChoice = CompressionPlace | DemoProtocolError | null;

/** An endpoint's hook for deciding, before the upgrade, whether this request's connection is compressed. */
export type ChooseCompression = (request: IncomingMessage, options: DemoServerOptions) => CompressionChoice;

type SocketClass = typeof WebSocket;

export class WebSocketServers<T extends SocketClass> {
  readonly #base: ServerOptions<T>;
  readonly #setUp: (wss: Server<T>) => void;
  readonly #plain: Server<T>;
  readonly #compressing = new Map<string, Server<T>>();

  /**
   * `base` holds what every server shares; permessage-deflate stays off on the plain one. `setUp` adds each server's
   * listeners, the same for all of them.
   */
  constructor(base: ServerOptions<T>, setUp: (wss: Server<T>) => void) {
    this.#base = base;
    this.#setUp = setUp;
    // Compression stays off unless an endpoint asks: each compressed connection keeps zlib state in memory and costs
    // CPU for every message (`npm run bench:deflate` measures both), a tiny frame can inflate to megabytes, and readers
    // of a tutorial about bytes on the wire should see plain frames everywhere but on the page about compression.
    this.#plain = this.#create({ perMessageDeflate: false });
  }

  /** The server for a connection with this compression, or the plain one for null. */
  for(compression: Compression | null): Server<T> {
    if (compression === null) return this.#plain;
    let wss = this.#compressing.get(compression.key);
    if (!wss) {
      wss = this.#create({ perMessageDeflate: compression.perMessageDeflate, maxPayload: compression.maxPayload });
      this.#compressing.set(compression.key, wss);
    }
    return wss;
  }

  async close(): Promise<void> {
    const all = [this.#plain, ...this.#compressing.values()];
    await Promise.all(all.map((wss) => new Promise<void>((resolve) => wss.close(() => resolve()))));
  }

  #create(overrides: Partial<ServerOptions<T>>): Server<T> {
    const wss = new WebSocketServer<T>({ ...this.#base, ...overrides, noServer: true });
    this.#setUp(wss);
    return wss;
  }
}
