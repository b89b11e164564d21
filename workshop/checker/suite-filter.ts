// The bad-input cases the reader's server is not asked to pass: each tests a policy of the demo server, not the protocol.
import type { FrameCase } from '../../tests/server/bad-input/frame-cases.ts';
import type { HandshakeCase } from '../../tests/server/bad-input/handshake-cases.ts';

const ORIGIN_POLICY =
  "The demo server's Origin policy (§10.2): it refuses pages from other sites. Your server must let the workshop's pages, on another port, connect to it, so it takes every Origin.";
const RATE_LIMIT =
  "The demo server's message rate cap (DEMO_MAX_MESSAGES_PER_SECOND), a choice for a public host rather than a rule of the protocol.";

/** Case id → why the reader's server is not held to it. Every other case of the suite must pass. */
export const NOT_FOR_THE_READERS_SERVER: Readonly<Record<string, string>> = {
  'h.17': ORIGIN_POLICY,
  'h.20': ORIGIN_POLICY,
  'h.21': ORIGIN_POLICY,
  '9.2.a': RATE_LIMIT,
  '9.2.b': RATE_LIMIT,
};

/** Whether the reader's server is held to a case of the bad-input suite. */
export function appliesToReadersServer(testCase: HandshakeCase | FrameCase): boolean {
  return !(testCase.id in NOT_FOR_THE_READERS_SERVER);
}
