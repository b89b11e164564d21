// What the transport race's server and widget say to each other: shared types, so the two cannot drift apart.

/** The four transports, in the order a race runs them. */
export const TRANSPORTS = ['short-poll', 'long-poll', 'sse', 'websocket'] as const;
export type Transport = (typeof TRANSPORTS)[number];

/** What the reader chose for a run. */
export interface RaceParams {
  /** How many events each transport carries. */
  events: number;
  /** Milliseconds between two events. */
  intervalMs: number;
  /** Bytes of payload in each event. */
  payloadBytes: number;
  /** Milliseconds between two short polls. */
  pollMs: number;
}

/** One event, as every transport delivers it. */
export interface RaceEvent {
  /** 1 for the first event, N for the last. */
  seq: number;
  /** When the server had the event ready to send: milliseconds since the Unix epoch, to the microsecond. */
  t: number;
  /** `payloadBytes` ASCII characters, so its size in UTF-8 is exactly what the reader chose. */
  payload: string;
}

/** What the server measured for one transport, reported to the page when the run ends. */
export interface LegReport {
  transport: Transport;
  /** Events the server produced for this transport. */
  eventsSent: number;
  /** HTTP requests that reached the server: polls, the SSE request, or the WebSocket upgrade. */
  requests: number;
  /** TCP connections those requests came on. */
  connections: number;
  /** Bytes the server read from the client on those requests' connections, attributed to those requests. */
  bytesUp: number;
  /** Bytes the server wrote in answer: status lines, headers, chunk and frame headers, payload. */
  bytesDown: number;
  /** False when a connection also carried traffic the server could not separate from the race's. */
  exact: boolean;
  /** False when a request or connection was still open when the report was made. */
  settled: boolean;
}
