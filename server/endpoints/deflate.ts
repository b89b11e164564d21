// /ws/deflate: echoes with permessage-deflate (RFC 7692) under its own limits, and on request reports every frame both ways as it went over the wire.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { DemoServerOptions } from '../limits.ts';
import type { Upgrade } from '../index.ts';
import { demoError } from '../demo-errors.ts';
import type { CompressionChoice } from '../websocket-servers.ts';
import { echoBack } from './echo.ts';
import { FrameTap, requestAsReceived, responseAsSent } from './inspect.ts';
import { checkExtensions, explainDeflateParameters, PERMESSAGE_DEFLATE, type ExtensionOffer } from '../../src/lib/protocol/index.ts';
import type { DeflateMessage } from '../../src/lib/demo-messages.ts';

export const path = '/ws/deflate';

/** Open compressed connections per demo server, which is known here by its options object. */
const openCompressed = new WeakMap<DemoServerOptions, { count: number }>();

/**
 * Decides before the upgrade. A client that offers permessage-deflate gets it, with the server's window capped at
 * deflateMaxWindowBits (RFC 7692 §7.1.2.1), the client's too when it offered `client_max_window_bits` (§7.1.2.2: without
 * it the server may not ask), and, with `?context=off`, `server_no_context_takeover` (§7.1.1.1). A client whose offers
 * are all malformed is declined as §5 says: the connection opens uncompressed. Past deflateMaxConnections compressed
 * connections, the handshake gets 503.
 */
export function compression(request: IncomingMessage, options: DemoServerOptions): CompressionChoice {
  const offer = firstAcceptableOffer(request.headers['sec-websocket-extensions']);
  if (!offer) return null;
  let open = openCompressed.get(options);
  if (!open) openCompressed.set(options, (open = { count: 0 }));
  if (open.count >= options.deflateMaxConnections) {
    return demoError(
      'DEMO_ERR_DEFLATE_FULL',
      `The demo server keeps at most ${options.deflateMaxConnections} compressed connections open, since each holds zlib state in memory; try again in a little while, or use /ws/echo.`,
    );
  }
  open.count++;
  const counted = open;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    counted.count--;
  };
  const cap = options.deflateMaxWindowBits;
  const serverBits = Math.min(cap, windowBits(offer, 'server_max_window_bits') ?? 15);
  // A client that did not offer client_max_window_bits compresses with up to 15 bits, and the server inflates with as many.
  const clientLimitable = offer.params.some((p) => p.name === 'client_max_window_bits');
  const clientBits = clientLimitable ? Math.min(cap, windowBits(offer, 'client_max_window_bits') ?? 15) : null;
  const contextTakeover = new URL(request.url ?? '/', 'http://localhost').searchParams.get('context') !== 'off';
  return {
    release,
    compression: {
      key: `deflate server=${serverBits} client=${clientBits} context=${contextTakeover} mem=${options.deflateMemLevel} max=${options.deflateMaxMessageBytes}`,
      maxPayload: options.deflateMaxMessageBytes,
      perMessageDeflate: {
        serverMaxWindowBits: serverBits,
        ...(clientBits === null ? {} : { clientMaxWindowBits: clientBits }),
        // Left undefined with context on, so a client's own request for server_no_context_takeover is still honoured.
        ...(contextTakeover ? {} : { serverNoContextTakeover: true }),
        zlibDeflateOptions: { memLevel: options.deflateMemLevel },
        // Compress every message, however short: ws skips those under 1 KiB when context takeover is off, and a page
        // about compression should show the small ones too.
        threshold: 0,
      },
    },
  };
}

/** The first permessage-deflate offer whose parameters are all valid, each named once. */
function firstAcceptableOffer(header: string | undefined): ExtensionOffer | null {
  if (header === undefined) return null;
  const parsed = checkExtensions(header);
  if (!parsed.ok) return null;
  return (
    parsed.extensions.find(
      (offer) =>
        offer.name === PERMESSAGE_DEFLATE &&
        new Set(offer.params.map((p) => p.name)).size === offer.params.length &&
        explainDeflateParameters(offer, 'offer').every((note) => note.problem === undefined),
    ) ?? null
  );
}

function windowBits(offer: ExtensionOffer, name: string): number | null {
  const value = offer.params.find((p) => p.name === name)?.value;
  return value === null || value === undefined ? null : Number(value);
}

export function onConnection(socket: WebSocket, options: DemoServerOptions, request: IncomingMessage, upgrade: Upgrade): void {
  const reportsWire = new URL(request.url ?? '/', 'http://localhost').searchParams.get('report') === 'frames';
  if (!reportsWire) {
    socket.on('message', (data, isBinary) => echoBack(socket, options, data, isBinary));
    return;
  }
  new WireReport(socket, options, upgrade.stream).start(request, upgrade.responseLines);
}

/**
 * With `?report=frames`: the handshake first, then for every message the client's frames as they arrived, the echo,
 * and the echo's frame as ws wrote it. Reports go uncompressed (ws's `compress: false`), so they neither show up as
 * compressed frames nor enter the compressor's window: the echoes share the window with one another only, as they
 * would on a connection that just echoes.
 */
class WireReport {
  readonly #socket: WebSocket;
  readonly #options: DemoServerOptions;
  readonly #stream: Duplex;
  readonly #compressed: boolean;
  /** What each data frame the server writes is, in order: ws writes frames in the order they were sent. */
  readonly #sending: ('echo' | 'report')[] = [];
  #reportedBytes = 0;

  constructor(socket: WebSocket, options: DemoServerOptions, stream: Duplex) {
    this.#socket = socket;
    this.#options = options;
    this.#stream = stream;
    this.#compressed = socket.extensions.includes(PERMESSAGE_DEFLATE);
  }

  start(request: IncomingMessage, responseLines: readonly string[]): void {
    // First, so that every frame from here on, the handshake's report included, is read off the writes in order.
    this.#tapWrites(new FrameTap(Number.MAX_SAFE_INTEGER, { sender: 'server', permessageDeflate: this.#compressed }));
    this.#report({ type: 'handshake', request: requestAsReceived(request), response: responseAsSent(responseLines) });
    const received = new FrameTap(this.#options.maxMessageBytes, { permessageDeflate: this.#compressed });
    // Prepended, so the report of a frame is queued before ws acts on its bytes, as in /ws/inspect.
    this.#stream.prependListener('data', (chunk: Buffer) => {
      for (const report of received.push(chunk)) if (report.type !== 'frame' || this.#withinBudget(report.hex)) this.#report(report);
    });
    this.#socket.on('message', (data, isBinary) => {
      if (this.#socket.readyState !== this.#socket.OPEN) return;
      this.#sending.push('echo');
      echoBack(this.#socket, this.#options, data, isBinary);
    });
  }

  /** Reads what ws writes to the socket, frame by frame, and reports the echoes' frames once written. */
  #tapWrites(sent: FrameTap): void {
    const stream = this.#stream;
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      // ws writes a text payload it sends uncompressed as the string itself, in UTF-8.
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk instanceof Uint8Array ? Buffer.from(chunk) : null;
      if (bytes) {
        for (const report of sent.push(bytes)) {
          if (report.type !== 'frame' || (report.opcode & 0x08) !== 0) continue;
          if (this.#sending.shift() !== 'echo' || !this.#withinBudget(report.hex)) continue;
          // After this write returns: ws is in the middle of writing a frame, and a report sent now would split it.
          queueMicrotask(() => this.#report({ ...report, type: 'sent' }));
        }
      }
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }

  #withinBudget(frameHex: string): boolean {
    const frameBytes = frameHex.length / 2;
    if (this.#reportedBytes + frameBytes <= this.#options.inspectBudgetBytes) {
      this.#reportedBytes += frameBytes;
      return true;
    }
    this.#report({
      type: 'budget-used',
      budgetBytes: this.#options.inspectBudgetBytes,
      message: `This connection has had ${this.#reportedBytes} bytes of frames reported, and the next frame would pass its budget of ${this.#options.inspectBudgetBytes} bytes. Reconnect to inspect more.`,
    });
    this.#socket.close(1008, 'Inspect budget used up; reconnect to inspect more');
    return false;
  }

  #report(message: DeflateMessage): void {
    if (this.#socket.readyState !== this.#socket.OPEN) return;
    this.#sending.push('report');
    this.#socket.send(JSON.stringify(message), { compress: false }, () => {
      // Reading resumes once the peer has drained what we queued for it, as in /ws/echo.
      if (this.#socket.isPaused && this.#socket.bufferedAmount <= this.#options.maxBufferedBytes) this.#socket.resume();
    });
    if (this.#socket.bufferedAmount > this.#options.maxBufferedBytes) this.#socket.pause();
  }
}
