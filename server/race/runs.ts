// The races in progress: each run has one leg per transport, and each leg its own copy of the event source and its byte tally.
import { randomBytes } from 'node:crypto';
import type { DemoServerOptions } from '../limits.ts';
import type { WireBytes } from './byte-ledger.ts';
import { startEventSchedule, type RaceEvent } from './event-source.ts';
import { TRANSPORTS, type RaceParams, type Transport } from './race-params.ts';
import type { LegReport } from '../../src/lib/race-messages.ts';

export type { LegReport } from '../../src/lib/race-messages.ts';

export class Leg {
  readonly events: RaceEvent[] = [];
  #requests = 0;
  #bytesUp = 0;
  #bytesDown = 0;
  #exact = true;
  #open = 0;
  #connections = new Set<object>();
  #stopSchedule: (() => void) | undefined;
  #allSent = false;
  #stopped = false;
  #listeners = new Set<() => void>();
  #whenIdle = new Set<() => void>();

  readonly transport: Transport;
  readonly params: RaceParams;

  constructor(transport: Transport, params: RaceParams) {
    this.transport = transport;
    this.params = params;
  }

  /** Starts the event source on the leg's first request; later calls do nothing. */
  start(): void {
    if (this.#stopSchedule || this.#stopped) return;
    this.#stopSchedule = startEventSchedule(
      this.params,
      (event) => {
        this.events.push(event);
        this.#notify();
      },
      () => {
        this.#allSent = true;
        this.#notify();
      },
    );
  }

  /** True once the last event has been produced, or the run was stopped early. */
  get over(): boolean {
    return this.#allSent || this.#stopped;
  }

  /** True once the run was ended: its report was made, or it ran out of time. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** Events with a sequence number above `seq`. */
  eventsAfter(seq: number): RaceEvent[] {
    return this.events.slice(Math.max(0, seq));
  }

  /** Calls `listener` after each new event, after the last one, and when the run is stopped. Returns an unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  stop(): void {
    this.#stopSchedule?.();
    this.#stopped = true;
    this.#notify();
  }

  /** Counts a request (or upgrade) as it arrives, on the connection it came on. */
  exchangeOpened(connection: object): void {
    this.#requests += 1;
    this.#open += 1;
    this.#connections.add(connection);
  }

  /** Adds an exchange's wire bytes once its response (or connection) is over. */
  exchangeClosed(bytes: WireBytes): void {
    this.#open -= 1;
    this.#bytesUp += bytes.up;
    this.#bytesDown += bytes.down;
    this.#exact &&= bytes.exact;
    if (this.#open === 0) for (const resolve of this.#whenIdle) resolve();
  }

  /** Resolves when no request or connection of this leg is open. */
  idle(): Promise<void> {
    if (this.#open === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.#whenIdle.delete(done);
        resolve();
      };
      this.#whenIdle.add(done);
    });
  }

  report(): LegReport {
    return {
      transport: this.transport,
      eventsSent: this.events.length,
      requests: this.#requests,
      connections: this.#connections.size,
      bytesUp: this.#bytesUp,
      bytesDown: this.#bytesDown,
      exact: this.#exact,
      settled: this.#open === 0,
    };
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}

export interface Run {
  id: string;
  params: RaceParams;
  legs: Record<Transport, Leg>;
}

/** How long the report waits for the page's last connections to close before it answers anyway. */
const SETTLE_MS = 3000;

/** The runs of one demo server. */
export class RaceRegistry {
  readonly #runs = new Map<string, { run: Run; expiry: ReturnType<typeof setTimeout> }>();

  readonly options: DemoServerOptions;

  constructor(options: DemoServerOptions) {
    this.options = options;
  }

  get size(): number {
    return this.#runs.size;
  }

  /**
   * `node` is this node's name. A race is several requests, and its state lives on the node that started it, so
   * the run id starts with that name ("node-2.Zk3…"): a proxy in front of several nodes sends every request that
   * carries the id to that node (examples/production/nginx-cluster.conf), with no shared state and no cookie.
   */
  create(params: RaceParams, node = ''): Run {
    const prefix = node === '' ? '' : `${node.replace(/[^\w-]/g, '-')}.`;
    const id = prefix + randomBytes(9).toString('base64url');
    const legs = Object.fromEntries(TRANSPORTS.map((t) => [t, new Leg(t, params)])) as Record<Transport, Leg>;
    const run: Run = { id, params, legs };
    // A page that leaves mid-race must not hold a slot or a timer for ever.
    const expiry = setTimeout(() => this.end(id), this.options.raceMaxRunMs);
    expiry.unref();
    this.#runs.set(id, { run, expiry });
    return run;
  }

  get(id: string | null): Run | undefined {
    return id === null ? undefined : this.#runs.get(id)?.run;
  }

  /** Stops every leg (so open polls, streams and sockets finish) and forgets the run. */
  end(id: string): void {
    const entry = this.#runs.get(id);
    if (!entry) return;
    clearTimeout(entry.expiry);
    this.#runs.delete(id);
    for (const leg of Object.values(entry.run.legs)) leg.stop();
  }

  /** Waits until every leg's connections have closed (or SETTLE_MS), then reports each transport and ends the run. */
  async finish(run: Run): Promise<LegReport[]> {
    const legs = TRANSPORTS.map((t) => run.legs[t]);
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([Promise.all(legs.map((leg) => leg.idle())), new Promise((resolve) => (timer = setTimeout(resolve, SETTLE_MS)))]);
    clearTimeout(timer);
    this.end(run.id);
    return legs.map((leg) => leg.report());
  }
}

/** One registry per demo server; its resolved options object is unique to it and reaches every handler. */
const registries = new WeakMap<DemoServerOptions, RaceRegistry>();

export function registryFor(options: DemoServerOptions): RaceRegistry {
  let registry = registries.get(options);
  if (!registry) registries.set(options, (registry = new RaceRegistry(options)));
  return registry;
}
