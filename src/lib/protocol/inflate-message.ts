// Inflates permessage-deflate payloads for display (RFC 7692 §7.2.2), with the web-standard DecompressionStream that browsers and Node share.

/** The four bytes a sender removes from the end of every compressed message and a receiver appends again (RFC 7692 §7.2.1, §7.2.2). */
export const SYNC_FLUSH_TAIL = Uint8Array.of(0x00, 0x00, 0xff, 0xff);

/**
 * An empty stored block with BFINAL set (RFC 1951 §3.2.4). A message ends on a sync flush, never on a final block, and
 * DecompressionStream fails a stream that stops before its final block; this ends the stream cleanly without adding a byte
 * of output. Sync flushes leave the stream byte-aligned, so it can follow directly.
 */
const END_OF_STREAM = Uint8Array.of(0x01, 0x00, 0x00, 0xff, 0xff);

/** Defaults for the inflater's options, in one place. */
export const INFLATE_DEFAULTS = {
  /** More output than this stops inflating with an error: a few bytes may inflate to gigabytes, and RFC 6455 §10.4 asks for limits on what a peer may make an endpoint hold. */
  maxMessageBytes: 1024 * 1024,
  /** Compressed bytes of earlier messages kept for context takeover before the inflater gives up. */
  maxHistoryBytes: 256 * 1024,
} as const;

export interface InflaterOptions {
  /**
   * Whether the sender keeps its LZ77 window from one message to the next (context takeover, RFC 7692 §7.1.1), so a
   * message may refer back to earlier ones. False when the sender's `*_no_context_takeover` was agreed.
   */
  contextTakeover: boolean;
  /** Default 1 MiB. */
  maxMessageBytes?: number | undefined;
  /** Default 256 KiB. */
  maxHistoryBytes?: number | undefined;
}

/**
 * Inflates one direction's compressed messages, in order. DecompressionStream cannot be flushed in the middle of a
 * stream and read up to a point, so under context takeover each message is inflated with every earlier message of the
 * connection in front of it, and only its own part of the output is kept. That costs time quadratic in the messages,
 * which suits a page showing a few of them, not a server.
 */
export class MessageInflater {
  readonly #contextTakeover: boolean;
  readonly #maxMessageBytes: number;
  readonly #maxHistoryBytes: number;
  #history: Uint8Array[] = [];
  #historyBytes = 0;
  #historyOutput = 0;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: InflaterOptions) {
    this.#contextTakeover = options.contextTakeover;
    this.#maxMessageBytes = options.maxMessageBytes ?? INFLATE_DEFAULTS.maxMessageBytes;
    this.#maxHistoryBytes = options.maxHistoryBytes ?? INFLATE_DEFAULTS.maxHistoryBytes;
  }

  /** Inflates the next message's compressed payload (its frames' payloads joined, without the removed tail). */
  inflate(compressed: Uint8Array): Promise<Uint8Array> {
    // One at a time, in call order: each message's output depends on the ones before it.
    const result = this.#queue.then(() => this.#inflateNext(compressed));
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async #inflateNext(compressed: Uint8Array): Promise<Uint8Array> {
    if (!this.#contextTakeover) return inflateRaw([compressed, SYNC_FLUSH_TAIL, END_OF_STREAM], this.#maxMessageBytes);
    if (this.#historyBytes + compressed.length > this.#maxHistoryBytes) {
      throw new RangeError(
        `This connection's compressed messages add up to more than ${this.#maxHistoryBytes} bytes, the most kept to inflate later messages against; reconnect to start a fresh window.`,
      );
    }
    const output = await inflateRaw(
      [...this.#history, compressed, SYNC_FLUSH_TAIL, END_OF_STREAM],
      this.#historyOutput + this.#maxMessageBytes,
    );
    this.#history.push(compressed, SYNC_FLUSH_TAIL);
    this.#historyBytes += compressed.length + SYNC_FLUSH_TAIL.length;
    const message = output.slice(this.#historyOutput);
    this.#historyOutput = output.length;
    return message;
  }
}

/** Inflates raw DEFLATE data (RFC 1951, no zlib header), stopping with a RangeError past `maxBytes` of output. */
async function inflateRaw(parts: Uint8Array[], maxBytes: number): Promise<Uint8Array> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  // Errors surface on the reading side; these promises would only repeat them, unhandled.
  for (const part of parts) writer.write(part as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch (error) {
      throw new TypeError(`The payload is not valid DEFLATE data (RFC 1951): ${(error as Error).message}`);
    }
    if (next.done) break;
    total += next.value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new RangeError(`The message inflates to more than ${maxBytes} bytes, so inflating stopped there.`);
    }
    chunks.push(next.value);
  }
  const output = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    output.set(chunk, at);
    at += chunk.length;
  }
  return output;
}
