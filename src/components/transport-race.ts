// What the transport race computes and says about its measurements, kept apart from the DOM so it can be unit-tested.

import { TRANSPORTS, type LegReport, type RaceParams, type Transport } from '../lib/race-messages.ts';
import { demoUnreachable } from '../lib/demo-url.ts';

export { TRANSPORTS, type LegReport, type RaceEvent, type RaceParams, type Transport } from '../lib/race-messages.ts';

export const TRANSPORT_NAMES: Record<Transport, string> = {
  'short-poll': 'Short polling',
  'long-poll': 'Long polling',
  sse: 'Server-Sent Events',
  websocket: 'WebSocket',
};

/** One row of the results: the server's byte counts joined with the page's receipts. */
export interface ResultRow {
  transport: Transport;
  name: string;
  delivered: number;
  expected: number;
  medianMs: number | undefined;
  p95Ms: number | undefined;
  requests: number;
  connections: number;
  bytesUp: number;
  bytesDown: number;
  /** (up + down) / delivered events; undefined when nothing arrived. */
  bytesPerEvent: number | undefined;
  exact: boolean;
}

/** Nearest-rank percentile: the smallest value with at least p % of the values at or below it. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * An event's latency: when the page saw it, on the server's clock, minus when the server sent it. The clock offset
 * is only known to within half the sync round trip, so on loopback a latency can come out a hair below zero; an
 * event cannot arrive before it was sent, so such a value counts as 0.
 */
export function latencyMs(pageNowMs: number, offsetMs: number, serverSentMs: number): number {
  return Math.max(0, pageNowMs + offsetMs - serverSentMs);
}

/** One clock-sync sample: page time before the request, the server's clock, page time after the answer. */
export interface ClockSample {
  sentAt: number;
  serverNow: number;
  receivedAt: number;
}

/**
 * How far the server's clock is ahead of the page's, in ms. The sample with the shortest round trip wins, and the
 * server is assumed to have read its clock half-way through it (NTP's assumption); the error is at most half that trip.
 */
export function clockOffset(samples: readonly ClockSample[]): number {
  const best = [...samples].sort((a, b) => a.receivedAt - a.sentAt - (b.receivedAt - b.sentAt))[0];
  if (!best) return 0;
  return best.serverNow - (best.sentAt + best.receivedAt) / 2;
}

/** The WebSocket frame header for a payload of `length` bytes (§5.2): 2, 4 or 10 bytes, plus 4 of masking key from a client. */
export function frameHeaderBytes(length: number, masked: boolean): number {
  const base = length <= 125 ? 2 : length <= 0xffff ? 4 : 10;
  return base + (masked ? 4 : 0);
}

/** Joins the server's report with the latencies the page measured (ms, one per delivered event). */
export function buildRows(params: RaceParams, legs: readonly LegReport[], latencies: Record<Transport, readonly number[]>): ResultRow[] {
  return TRANSPORTS.map((transport) => {
    const leg = legs.find((l) => l.transport === transport);
    const times = latencies[transport];
    const delivered = times.length;
    const bytesUp = leg?.bytesUp ?? 0;
    const bytesDown = leg?.bytesDown ?? 0;
    return {
      transport,
      name: TRANSPORT_NAMES[transport],
      delivered,
      expected: params.events,
      medianMs: percentile(times, 50),
      p95Ms: percentile(times, 95),
      requests: leg?.requests ?? 0,
      connections: leg?.connections ?? 0,
      bytesUp,
      bytesDown,
      bytesPerEvent: delivered > 0 ? Math.round((bytesUp + bytesDown) / delivered) : undefined,
      exact: leg?.exact ?? false,
    };
  });
}

export function formatBytes(bytes: number | undefined): string {
  return bytes === undefined ? '–' : `${Math.round(bytes).toLocaleString('en-US')} B`;
}

export function formatMs(ms: number | undefined): string {
  return ms === undefined ? '–' : `${ms.toFixed(1)} ms`;
}

/** One bar of a chart: its share of the longest bar, and the value in words. */
export interface Bar {
  label: string;
  fraction: number;
  text: string;
}

export function chartBars(
  rows: readonly ResultRow[],
  value: (row: ResultRow) => number | undefined,
  format: (n: number | undefined) => string,
): Bar[] {
  const max = Math.max(0, ...rows.map((row) => value(row) ?? 0));
  return rows.map((row) => {
    const v = value(row);
    return { label: row.name, fraction: max > 0 && v !== undefined ? v / max : 0, text: format(v) };
  });
}

/** Sentences that explain this run's numbers: header repetition, the poll interval's floor, and the frame header. */
export function commentary(rows: readonly ResultRow[], params: RaceParams, socketMessageBytes: number | undefined): string[] {
  const row = (t: Transport) => rows.find((r) => r.transport === t)!;
  const short = row('short-poll');
  const long = row('long-poll');
  const sse = row('sse');
  const ws = row('websocket');
  const perRequest = (r: ResultRow) => (r.requests > 0 ? Math.round((r.bytesUp + r.bytesDown) / r.requests) : 0);
  const notes: string[] = [];

  notes.push(
    `Header repetition. Short polling made ${short.requests} requests for ${short.delivered} events, and long polling made ${long.requests}. ` +
      `Every request and every response carried a full set of HTTP headers again: about ${perRequest(short)} bytes per round trip ` +
      `for short polling, payload included, against ${params.payloadBytes} bytes of payload per event.`,
  );
  if (long.bytesPerEvent !== undefined && short.bytesPerEvent !== undefined && long.bytesPerEvent > short.bytesPerEvent) {
    notes.push(
      `Long polling cost more per event than short polling here (${formatBytes(long.bytesPerEvent)} against ${formatBytes(short.bytesPerEvent)}). ` +
        `A short poll collects every event that arrived since the last one, so one round trip of headers can carry several events; ` +
        `long polling answers as soon as one event exists, so it pays a round trip for nearly every event. It buys low latency with bytes.`,
    );
  }
  if (short.requests > short.delivered) {
    notes.push(
      `Short polling asked more often than there was news: at least ${short.requests - short.delivered} of its requests could have found nothing new, and each one still cost a round trip of headers.`,
    );
  }
  notes.push(
    `The poll interval's latency floor. An event that is ready waits for the next poll, so with a poll every ${params.pollMs} ms ` +
      `it waits ${Math.round(params.pollMs / 2)} ms on average and up to ${params.pollMs} ms. Short polling's median here was ${formatMs(short.medianMs)}. ` +
      `Long polling (${formatMs(long.medianMs)}), SSE (${formatMs(sse.medianMs)}) and WebSocket (${formatMs(ws.medianMs)}) have no such floor: ` +
      `the server writes as soon as the event exists. Long polling pays up to one round trip whenever an event arrives before the next request does.`,
  );
  notes.push(
    `SSE made ${sse.requests} request${sse.requests === 1 ? '' : 's'}. After its headers, each event cost its id: and data: lines and, on HTTP/1.1, a chunk-size line of chunked transfer encoding.`,
  );
  const header = socketMessageBytes === undefined ? undefined : frameHeaderBytes(socketMessageBytes, false);
  notes.push(
    `WebSocket's frame header. After one upgrade request and its 101 response, ` +
      (header === undefined
        ? 'each event travelled in a frame with a header of 2 to 10 bytes. '
        : `each ${socketMessageBytes}-byte event message travelled in a frame with a ${header}-byte header. `) +
      `A frame header is 2 bytes for up to 125 bytes of payload, 4 up to 65,535, and 10 beyond; a client adds a 4-byte masking key, so 2 to 14 bytes in all (RFC 6455 §5.2).`,
  );
  if (ws.bytesPerEvent !== undefined && short.bytesPerEvent !== undefined && ws.bytesPerEvent > 0) {
    notes.push(
      `Per delivered event, WebSocket cost ${formatBytes(ws.bytesPerEvent)} and short polling ${formatBytes(short.bytesPerEvent)}: ` +
        `${(short.bytesPerEvent / ws.bytesPerEvent).toFixed(1)} times as much. Every figure includes the setup (the upgrade, the SSE request) spread over the events.`,
    );
  }
  return notes;
}

/** What the widget says when the first request never got an answer. */
export function describeUnreachable(url: string): string {
  return `${demoUnreachable(url)} Nothing was measured.`;
}

/** The latest point a leg may finish: every event due, one more poll, and a margin for a slow machine. */
export function legDeadlineMs(params: RaceParams): number {
  return params.events * params.intervalMs + params.pollMs + 5000;
}
