// Every limit of the demo server: its default, the environment variable that overrides it, and why it exists.

export interface DemoServerOptions {
  /** Largest message accepted, in bytes. A larger one closes the connection with 1009 (Message Too Big). Default 64 KiB. */
  maxMessageBytes: number;
  /** Bytes a connection may have queued for sending before the server stops reading from it. Default 1 MiB. */
  maxBufferedBytes: number;
  /** How long closing connections get to finish the close handshake on shutdown before they are cut, in ms. Default 2000. */
  closeGraceMs: number;
  /** Bytes of client frames one /ws/inspect connection gets reported back; past it the connection closes with 1008. Default 4 MiB. */
  inspectBudgetBytes: number;
  /** Requests one /ws/lab connection may make in any minute; more are refused with an explanation. Default 60. */
  labRequestsPerMinute: number;
  /** Events one transport race may ask for, per transport. Default 200. */
  raceMaxEvents: number;
  /** Bytes of payload one race event may carry. Default 16 KiB. */
  raceMaxPayloadBytes: number;
  /** Transport races running at once on this server; one more is refused with 503. Default 4. */
  raceMaxConcurrentRuns: number;
  /** How long one race (all four transports) may last before the server ends it, in ms. Default 120000. */
  raceMaxRunMs: number;
}

interface LimitDoc {
  env: string;
  default: number;
  min: number;
  description: string;
}

/** The one place limits are defined. README's table of options is checked against this by a test. */
export const LIMITS: Record<keyof DemoServerOptions, LimitDoc> = {
  maxMessageBytes: {
    env: 'DEMO_MAX_MESSAGE_BYTES',
    default: 64 * 1024,
    min: 125,
    description: 'Largest message accepted, in bytes; a larger one closes the connection with 1009 (Message Too Big).',
  },
  maxBufferedBytes: {
    env: 'DEMO_MAX_BUFFERED_BYTES',
    default: 1024 * 1024,
    min: 1,
    description:
      'Bytes a connection may have waiting to be sent before the server stops reading from it, so a slow reader cannot grow memory.',
  },
  closeGraceMs: {
    env: 'DEMO_CLOSE_GRACE_MS',
    default: 2000,
    min: 0,
    description: 'On shutdown, how long connections get to finish the close handshake before they are cut, in milliseconds.',
  },
  inspectBudgetBytes: {
    env: 'DEMO_INSPECT_BUDGET_BYTES',
    default: 4 * 1024 * 1024,
    min: 1,
    description:
      '/ws/inspect: bytes of client frames one connection gets reported back (as hex, about twice their size); past it the connection closes with 1008.',
  },
  labRequestsPerMinute: {
    env: 'DEMO_LAB_REQUESTS_PER_MINUTE',
    default: 60,
    min: 1,
    description:
      '/ws/lab: requests one connection may make in any minute; more are refused with an explanation and the connection stays open.',
  },
  raceMaxEvents: {
    env: 'DEMO_RACE_MAX_EVENTS',
    default: 200,
    min: 1,
    description: '/race: events a transport race may ask for, per transport; more is refused with 400.',
  },
  raceMaxPayloadBytes: {
    env: 'DEMO_RACE_MAX_PAYLOAD_BYTES',
    default: 16 * 1024,
    min: 1,
    description: '/race: bytes of payload in one race event; more is refused with 400.',
  },
  raceMaxConcurrentRuns: {
    env: 'DEMO_RACE_MAX_RUNS',
    default: 4,
    min: 1,
    description: '/race: races running at once; one more is refused with 503 and Retry-After.',
  },
  raceMaxRunMs: {
    env: 'DEMO_RACE_MAX_RUN_MS',
    default: 120_000,
    min: 1000,
    description:
      '/race: how long one race (all four transports) may last, in milliseconds; parameters that cannot fit are refused with 400, and a race still open then is ended.',
  },
};

const OPTION_NAMES = Object.keys(LIMITS) as (keyof DemoServerOptions)[];

/** Reads overrides from environment variables such as `DEMO_MAX_MESSAGE_BYTES=1048576`. */
export function optionsFromEnv(env: Record<string, string | undefined>): Partial<DemoServerOptions> {
  const options: Partial<DemoServerOptions> = {};
  for (const name of OPTION_NAMES) {
    const raw = env[LIMITS[name].env];
    if (raw === undefined || raw.trim() === '') continue;
    const value = Number(raw);
    if (!Number.isFinite(value)) {
      throw new TypeError(`The environment variable ${LIMITS[name].env} must be a number, but it is ${JSON.stringify(raw)}.`);
    }
    options[name] = value;
  }
  return options;
}

/** Fills in defaults and rejects values that make no sense, with a sentence that says which and why. */
export function resolveOptions(overrides: Partial<DemoServerOptions> = {}): DemoServerOptions {
  const options = {} as DemoServerOptions;
  for (const name of OPTION_NAMES) {
    const value = overrides[name] ?? LIMITS[name].default;
    if (!Number.isInteger(value) || value < LIMITS[name].min) {
      throw new TypeError(`The option ${name} must be a whole number of at least ${LIMITS[name].min}, but it is ${value}.`);
    }
    options[name] = value;
  }
  return options;
}
