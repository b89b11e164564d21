// What a workshop check is: a named expectation with its RFC 6455 section, and the failure it reports as evidence.
import type { Server } from 'node:http';
import type { ServerReads } from '../../tests/server/bad-input/one-byte-per-read.ts';

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
  /** Notes how the server read a byte-wise write (null: the checker could not see), for the result's `serverReads`. */
  serverRead(reads: ServerReads | null): void;
}

export interface Check {
  /** Stable and short: a bad-input case id ("5.3", "h.2") or the step's own ("2.4"). */
  id: string;
  title: string;
  /** The section that states the rule, e.g. "5.2", of RFC 6455 unless `rfc` names another. */
  section: string;
  /** The RFC that `section` belongs to, when it is not 6455 (a header limit's 431 is RFC 6585's). */
  rfc?: string;
  /** What the check demands beyond what the RFC requires, in a sentence: a choice of this workshop's, shown with the check. */
  beyondRfc?: string;
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
