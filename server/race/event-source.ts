// The one event source every transport in the race carries: N events, one every intervalMs, each with a payload of payloadBytes.

import type { RaceEvent } from '../../src/lib/race-messages.ts';

export type { RaceEvent } from '../../src/lib/race-messages.ts';

export interface EventSchedule {
  events: number;
  intervalMs: number;
  payloadBytes: number;
}

/** The server's clock with sub-millisecond resolution; the page compares it with its own after a clock sync. */
export function serverNow(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000) / 1000;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A payload of exactly `bytes` bytes that needs no escaping in JSON or in an SSE data line. */
export function payloadOf(bytes: number): string {
  return ALPHABET.repeat(Math.ceil(bytes / ALPHABET.length)).slice(0, bytes);
}

/**
 * Produces the events one interval apart, the first one interval after the start, and calls `onLast` after the
 * last. Each event is scheduled from the start time, not from the previous timer, so timer lateness does not add
 * up over a run. Returns a function that stops the schedule.
 */
export function startEventSchedule(schedule: EventSchedule, emit: (event: RaceEvent) => void, onLast: () => void): () => void {
  const payload = payloadOf(schedule.payloadBytes);
  const start = performance.now();
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = (): void => {
    seq += 1;
    emit({ seq, t: serverNow(), payload });
    if (seq >= schedule.events) {
      timer = undefined;
      onLast();
      return;
    }
    timer = setTimeout(tick, Math.max(0, start + (seq + 1) * schedule.intervalMs - performance.now()));
  };
  timer = setTimeout(tick, schedule.intervalMs);
  return () => clearTimeout(timer);
}
