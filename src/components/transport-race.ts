// What the transport race computes and says about its measurements, kept apart from the DOM so it can be unit-tested.

import { TRANSPORTS, type LegReport, type RaceParams, type Transport } from '../lib/race-messages.ts';
import { demoUnreachable } from '../lib/demo-url.ts';
import { formatInteger, type Locale } from '../lib/i18n/locale.ts';
import { RACE_TEXT, type RaceFigures } from './transport-race-text.ts';

export { TRANSPORTS, type LegReport, type RaceEvent, type RaceParams, type Transport } from '../lib/race-messages.ts';

export const TRANSPORT_NAMES: Record<Transport, string> = RACE_TEXT.en.transportNames;

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
export function buildRows(
  params: RaceParams,
  legs: readonly LegReport[],
  latencies: Record<Transport, readonly number[]>,
  locale: Locale = 'en',
): ResultRow[] {
  return TRANSPORTS.map((transport) => {
    const leg = legs.find((l) => l.transport === transport);
    const times = latencies[transport];
    const delivered = times.length;
    const bytesUp = leg?.bytesUp ?? 0;
    const bytesDown = leg?.bytesDown ?? 0;
    return {
      transport,
      name: RACE_TEXT[locale].transportNames[transport],
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

export function formatBytes(bytes: number | undefined, locale: Locale = 'en'): string {
  return bytes === undefined ? '–' : RACE_TEXT[locale].bytes(formatInteger(bytes, locale));
}

export function formatMs(ms: number | undefined, locale: Locale = 'en'): string {
  return ms === undefined ? '–' : RACE_TEXT[locale].ms(ms.toFixed(1));
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
export function commentary(
  rows: readonly ResultRow[],
  params: RaceParams,
  socketMessageBytes: number | undefined,
  locale: Locale = 'en',
): string[] {
  const row = (t: Transport) => rows.find((r) => r.transport === t)!;
  const short = row('short-poll');
  const long = row('long-poll');
  const sse = row('sse');
  const ws = row('websocket');
  const perRequest = (r: ResultRow) => (r.requests > 0 ? Math.round((r.bytesUp + r.bytesDown) / r.requests) : 0);
  const bytes = (n: number | undefined) => formatBytes(n, locale);
  const ms = (n: number | undefined) => formatMs(n, locale);
  const figures: RaceFigures = {
    shortRequests: short.requests,
    shortDelivered: short.delivered,
    longRequests: long.requests,
    sseRequests: sse.requests,
    shortPerRequest: perRequest(short),
    payloadBytes: params.payloadBytes,
    pollMs: params.pollMs,
    halfPollMs: Math.round(params.pollMs / 2),
    longPerEvent: bytes(long.bytesPerEvent),
    shortPerEvent: bytes(short.bytesPerEvent),
    wsPerEvent: bytes(ws.bytesPerEvent),
    shortMedian: ms(short.medianMs),
    longMedian: ms(long.medianMs),
    sseMedian: ms(sse.medianMs),
    wsMedian: ms(ws.medianMs),
    emptyPolls: short.requests - short.delivered,
    socketMessageBytes,
    frameHeaderBytes: socketMessageBytes === undefined ? undefined : frameHeaderBytes(socketMessageBytes, false),
    ratio: ws.bytesPerEvent && short.bytesPerEvent !== undefined ? (short.bytesPerEvent / ws.bytesPerEvent).toFixed(1) : '',
  };
  const say = RACE_TEXT[locale].commentary;
  const notes: string[] = [say.headerRepetition(figures)];
  if (long.bytesPerEvent !== undefined && short.bytesPerEvent !== undefined && long.bytesPerEvent > short.bytesPerEvent) {
    notes.push(say.longCostsMore(figures));
  }
  if (short.requests > short.delivered) notes.push(say.emptyPolls(figures));
  notes.push(say.latencyFloor(figures), say.sse(figures), say.frameHeader(figures));
  if (ws.bytesPerEvent !== undefined && short.bytesPerEvent !== undefined && ws.bytesPerEvent > 0) notes.push(say.perEvent(figures));
  return notes;
}

/** What the widget says when the first request never got an answer. */
export function describeUnreachable(url: string, locale: Locale = 'en'): string {
  return RACE_TEXT[locale].nothingMeasured(demoUnreachable(url, locale));
}

/** The latest point a leg may finish: every event due, one more poll, and a margin for a slow machine. */
export function legDeadlineMs(params: RaceParams): number {
  return params.events * params.intervalMs + params.pollMs + 5000;
}
