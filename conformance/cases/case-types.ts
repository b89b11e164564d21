// The shape of a conformance case: what the prober sends, what it expects back, and how the closing must go.

/** Autobahn|Testsuite's verdicts, with the same meaning (see verdict.ts). */
export type Verdict = 'OK' | 'NON-STRICT' | 'INFORMATIONAL' | 'UNIMPLEMENTED' | 'FAILED';

/** Bytes to send: literal text (UTF-8), literal bytes, or a pattern repeated to a length, as Autobahn's `payload_len`. */
export type Payload = string | Uint8Array | { repeat: string | Uint8Array; length: number };

/** What the prober observes while a case runs, in order; a case's expectations are lists of these. */
export type Observed =
  | { kind: 'message'; binary: boolean; data: Uint8Array }
  | { kind: 'ping'; data: Uint8Array }
  | { kind: 'pong'; data: Uint8Array }
  /** A wait passed with the connection still open (Autobahn's `("timeout", tag)`). */
  | { kind: 'timeout'; tag: string };

/** One step of a case's script. Frames are masked with the suite's fixed key, so every run sends the same bytes. */
export type Step =
  /** A frame; `chop` writes it in pieces of that many bytes, `sync` writes it on its own (Autobahn's `sync=True`). */
  | {
      kind: 'frame';
      opcode: number;
      fin?: boolean;
      /** RSV bits as a number 0–7, RSV1 the highest (Autobahn's `rsv`). */
      rsv?: number;
      payload?: Payload;
      chop?: number;
      sync?: boolean;
    }
  /** A message split into frames of `fragmentSize` bytes (Autobahn's `sendMessage(fragmentSize=…)`). */
  | { kind: 'message'; binary: boolean; payload: Payload; fragmentSize?: number }
  /**
   * A Close frame with this code and reason (absent code: an empty body). It starts the closing
   * handshake if none has started, and frames after it are still written, as some cases require.
   * `body` replaces code and reason with raw bytes, for malformed bodies. A `frame` step with
   * opcode 8 is only bytes on the wire and starts nothing (Autobahn's `sendFrame`).
   */
  | { kind: 'close'; code?: number; reason?: Payload; body?: Payload }
  /**
   * One piece of a text frame that is sent in parts: its payload bytes `from` to `to`, the header
   * included when `from` is 0. The runner encodes the whole frame for its role (masked only as a
   * client, §5.1) and writes just this piece.
   */
  | { kind: 'frame-piece'; payload: Uint8Array; from: number; to: number }
  /**
   * Wait; if the connection is still open afterwards and `tag` is set, observe a timeout and go on
   * (Autobahn's `continueLater`). If it is not open, the script ends.
   */
  | { kind: 'wait'; ms: number; tag?: string }
  /** Send `count` messages one after the other, each only once the last one's echo came back (categories 9.7, 9.8). */
  | { kind: 'round-trips'; binary: boolean; length: number; count: number };

/** How the connection must end (Autobahn's `expectedClose`). */
export interface ExpectedClose {
  /** Whether the prober, not the server, starts the closing handshake. */
  closedByMe: boolean;
  /** The close codes the server may send; sending none at all is also accepted. */
  closeCode: number[];
  /** Whether the closing handshake must complete, rather than the TCP connection simply being dropped. */
  requireClean: boolean;
  /** For UTF-8 cases: closing by the wrong endpoint fails the case, as the server never noticed the bad bytes. */
  closedByWrongEndpointIsFatal?: boolean;
}

/** After the script, what ends the case if the server has not: Autobahn's `killAfter` or `closeAfter`. */
export interface CaseEnd {
  /** `kill`: fail the connection (send Close, then drop); `close`: start a normal closing handshake. */
  action: 'kill' | 'close';
  afterMs: number;
}

/** A whole-message expectation for the large cases of category 9, judged by type and length like Autobahn. */
export interface BulkExpectation {
  binary: boolean;
  length: number;
  /** How many such messages must come back (1, or the round-trip count of 9.7/9.8). */
  count: number;
}

/** Categories 12 and 13: `count` messages cut from a corpus, compressed, sent one after the other's echo (Autobahn's sendOne). */
export interface CompressionCase {
  /** The client's Sec-WebSocket-Extensions offer. */
  offer: string;
  /** Which generated corpus the messages are cut from (see compression.ts). */
  corpus: string;
  binary: boolean;
  length: number;
  count: number;
  /** Frames of this many compressed bytes; 0 sends each message in one frame (Autobahn's autoFragmentSize). */
  fragmentSize: number;
}

export interface ConformanceCase {
  /** Autobahn's case id (`1.1.1`), or ours for the handshake cases (`h.1`). */
  id: string;
  description: string;
  expectation: string;
  /** The RFC 6455 section(s) whose rule the case checks, e.g. `§5.2`. */
  rfc: string;
  steps: Step[];
  end: CaseEnd;
  /** Observations that give each verdict, tried in order (OK first). Ignored when `bulk` is set. */
  expected: Partial<Record<'OK' | 'NON-STRICT', Observed[]>>;
  bulk?: BulkExpectation;
  expectedClose: ExpectedClose;
  /** Autobahn's `suppressClose`: do not start the closing handshake when the expected replies are in. */
  suppressClose?: boolean;
  /** Category 7: a wrong close code fails the case itself, not only its closing behaviour. */
  wrongCodeFailsCase?: boolean;
  /** The spec leaves the outcome open: both verdicts are INFORMATIONAL, whatever happens. */
  informational?: boolean;
  /** Categories 12 and 13: run by compression-runner.ts instead of the frame script. */
  compression?: CompressionCase;
  /** Whether Autobahn reports the case's duration (categories 9 and 10). */
  reportTime?: boolean;
}

/** A case of our own about the opening handshake: a raw request and what the response must be. */
export interface HandshakeCase {
  id: string;
  description: string;
  expectation: string;
  rfc: string;
  /** The request's lines before the blank line; `{host}` is replaced by the server's host. */
  requestLines: string[];
  /** Statuses that pass; `101` means the upgrade must succeed with the right Sec-WebSocket-Accept. */
  okStatuses: number[];
  /** Headers the response must carry (lower-case name → value that must be among its comma-separated items). */
  requiredHeaders?: Record<string, string>;
}
