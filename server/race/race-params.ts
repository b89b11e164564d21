// Reads a race's parameters from the query string and refuses values outside the rules, naming the rule broken.
import type { DemoServerOptions } from '../limits.ts';
import { raceError, type RaceError } from './race-error.ts';

import { TRANSPORTS, type RaceParams } from '../../src/lib/race-messages.ts';

export { TRANSPORTS, type RaceParams, type Transport } from '../../src/lib/race-messages.ts';

/** Bounds that are about what makes a fair race, not about protecting the server, so they are fixed. */
export const MIN_INTERVAL_MS = 10;
export const MAX_INTERVAL_MS = 5000;
export const MIN_POLL_MS = 50;
export const MAX_POLL_MS = 5000;

type Parsed = { ok: true; params: RaceParams } | { ok: false; error: RaceError };

function badParameter(message: string): Parsed {
  return { ok: false, error: raceError('DEMO_ERR_RACE_BAD_PARAMETER', message, 400) };
}

export function parseRaceParams(query: URLSearchParams, options: DemoServerOptions): Parsed {
  const ranges: [keyof RaceParams, number, number][] = [
    ['events', 1, options.raceMaxEvents],
    ['intervalMs', MIN_INTERVAL_MS, MAX_INTERVAL_MS],
    ['payloadBytes', 0, options.raceMaxPayloadBytes],
    ['pollMs', MIN_POLL_MS, MAX_POLL_MS],
  ];
  const params = {} as RaceParams;
  for (const [name, min, max] of ranges) {
    const raw = query.get(name);
    const value = raw === null || raw.trim() === '' ? NaN : Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      const given = raw === null ? 'it is missing' : `it is ${JSON.stringify(raw)}`;
      return badParameter(`"${name}" must be a whole number from ${min} to ${max}, and ${given}.`);
    }
    params[name] = value;
  }
  // Four transports run one after another, and short polling may need one more poll after the last event.
  const estimateMs = TRANSPORTS.length * (params.events * params.intervalMs + params.pollMs);
  if (estimateMs > options.raceMaxRunMs) {
    return badParameter(
      `A race must fit in ${options.raceMaxRunMs} ms: 4 × (events × intervalMs + pollMs) is ${estimateMs} ms here. Use fewer events or a shorter interval.`,
    );
  }
  return { ok: true, params };
}
