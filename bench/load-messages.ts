// The messages the load benchmark's orchestrator (load.ts) exchanges over IPC with its load client and with the memory probe in each server.
// The client's channel uses Node's advanced (structured clone) serialization, so sample arrays cross it as typed arrays.

/** Nearest-rank percentiles of a set of durations, in nanoseconds. */
export interface LatencySummary {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

/** Opens `count` more connections to `url` and keeps them open, idle, until a release. */
export interface HoldRequest {
  op: 'hold';
  url: string;
  count: number;
  /** Loopback source addresses to spread connections over, so a large count does not run out of ephemeral ports. */
  sourceAddresses: readonly string[];
  /** Handshakes in flight at once. */
  concurrency: number;
  /** Offer permessage-deflate as ws does by default. Default: no. */
  perMessageDeflate?: boolean;
  /** Send this once on each new connection and wait for its echo before counting it held, so compression state exists. */
  firstMessage?: string;
}

export interface HoldResult {
  /** Connections open now, counting earlier holds. */
  held: number;
  /** Handshakes that failed in this hold, and the first failure's message. */
  failed: number;
  firstFailure: string | null;
  ms: number;
}

/** Closes every held connection with a close handshake. */
export interface ReleaseRequest {
  op: 'release';
}

export interface ReleaseResult {
  released: number;
  /** Held connections that the server closed or lost while they were meant to stay open. */
  droppedWhileHeld: number;
}

/** Closed-loop echo: each connection sends one message, waits for its echo, and sends the next. */
export interface EchoRequest {
  op: 'echo';
  url: string;
  connections: number;
  payloadBytes: number;
  /** Round trips before this long are not measured, so connection setup and JIT warm-up stay out of the figures. */
  warmupMs: number;
  /** The measurement ends after this long or after maxRoundTrips, whichever comes first. */
  maxMs: number;
  maxRoundTrips: number;
  /**
   * Send these texts in turn instead of payloadBytes bytes of "a" (each payloadBytes long in UTF-8). Distinct messages
   * keep context takeover from turning every message after the first into one back-reference.
   */
  payloadTexts?: readonly string[];
  /** Offer permessage-deflate as ws does by default. Default: no. */
  perMessageDeflate?: boolean;
}

export interface EchoResult {
  /** Round trips measured, and the seconds they took. */
  roundTrips: number;
  seconds: number;
  /** Every measured round-trip time, in nanoseconds, so slices of a cell can be pooled before percentiles are taken. */
  rttNs: Float64Array;
  /** Round trips over the whole cell, warm-up included, and its length: the span the server's CPU time is read over. */
  totalRoundTrips: number;
  totalSeconds: number;
  /** Echoes whose length was not the length sent. */
  mismatches: number;
  /** Bytes the client's sockets wrote over the whole cell, handshakes included: frames on the wire, compressed or not. */
  bytesWritten: number;
}

/** Chat fan-out: one sender, `receivers` receivers; each message is sent once every receiver got the previous one. */
export interface FanoutRequest {
  op: 'fanout';
  url: string;
  receivers: number;
  messages: number;
  payloadBytes: number;
  timeoutMs: number;
}

export interface FanoutResult {
  messages: number;
  deliveries: number;
  seconds: number;
  /** From the sender's send to each receiver's receipt, every delivery, in nanoseconds. */
  latencyNs: Float64Array;
}

export type ClientRequest = HoldRequest | ReleaseRequest | EchoRequest | FanoutRequest;

export interface ClientResults {
  hold: HoldResult;
  release: ReleaseResult;
  echo: EchoResult;
  fanout: FanoutResult;
}

export interface ClientEnvelope {
  id: number;
  request: ClientRequest;
}

export type ClientReply = { id: number; ok: true; result: ClientResults[keyof ClientResults] } | { id: number; ok: false; error: string };

/** `settle` collects garbage a few times before it reads memory; `sample` reads at once. */
export interface ProbeRequest {
  op: 'settle' | 'sample';
}

export interface ProbeReply {
  rssBytes: number;
  heapUsedBytes: number;
  /** The size V8 has given its young generation (new space), which it grows with the allocation it sees. */
  newSpaceBytes: number;
  /** User plus system CPU time of the whole process since it started, in microseconds. */
  cpuMicros: number;
}
