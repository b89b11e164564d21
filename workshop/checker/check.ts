// What a workshop check is: a named expectation with its RFC 6455 section, and the failure it reports as evidence.
import type { Server } from 'node:http';

/** What the reader's file exports. The checker verifies each export a step needs before calling it. */
export interface ServerModule {
  createServer?: unknown;
  parseFrameHeader?: unknown;
  unmask?: unknown;
}

export interface CheckContext {
  module: ServerModule;
  /** Starts a fresh server from the reader's createServer() on 127.0.0.1, port 0; it is stopped after the check. */
  start(): Promise<{ base: string; server: Server }>;
  /** Notes what the check is about to send, so that a crash in the reader's server can be reported with it. */
  sending(description: string): void;
}

export interface Check {
  /** Stable and short: a bad-input case id ("5.3", "h.2") or the step's own ("2.4"). */
  id: string;
  title: string;
  /** The RFC 6455 section that states the rule, e.g. "5.2". */
  section: string;
  /** What a passing server does, in one sentence; the step's page lists it. */
  expectation: string;
  run(context: CheckContext): Promise<void>;
}

export interface Step {
  number: number;
  /** The step's folder under workshop/steps/ and its page under /workshop/. */
  slug: string;
  title: string;
  checks: Check[];
}

/** A failed check, told as a teacher would: what was sent, what came back, and what was expected instead. */
export class CheckFailure extends Error {
  readonly sent: string;
  readonly received: string;
  readonly expected: string;

  constructor(evidence: { sent: string; received: string; expected: string }) {
    super(`expected ${evidence.expected}, got ${evidence.received}`);
    this.sent = evidence.sent;
    this.received = evidence.received;
    this.expected = evidence.expected;
  }
}
