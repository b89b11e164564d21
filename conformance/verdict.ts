// Turns what happened on a connection into Autobahn's two verdicts: `behavior` (the replies) and `behaviorClose` (the closing).
import type { ConformanceCase, ExpectedClose, Observed, Verdict } from './cases/case-types.ts';

/** What the prober saw of the connection's end, in Autobahn's terms. */
export interface ClosingFacts {
  /** The opening handshake succeeded. */
  connectionWasOpen: boolean;
  /** The prober sent the first Close (started the closing handshake); false when the server did, or nobody did. */
  closedByMe: boolean;
  /** Both Close frames were exchanged before TCP ended. */
  wasClean: boolean;
  /** The prober had to drop TCP itself, because the server did not close it in time. */
  droppedByMe: boolean;
  /** The code in the server's Close frame; null when it sent none or a Close without a code. */
  remoteCloseCode: number | null;
  /** The case ran into its time limit and was cut off. */
  timedOut: boolean;
}

/** The endpoint under test: a server in server mode, a client in client mode (`--serve`). */
export type Peer = 'server' | 'client';

export interface Verdicts {
  behavior: Verdict;
  behaviorClose: Verdict;
  /** Why, in a sentence each, for the reports. */
  result: string;
  resultClose: string;
}

function sameObservation(a: Observed, b: Observed): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'timeout' || b.kind === 'timeout') return a.kind === 'timeout' && b.kind === 'timeout' && a.tag === b.tag;
  if (a.kind === 'message' && b.kind === 'message' && a.binary !== b.binary) return false;
  const [x, y] = [(a as { data: Uint8Array }).data, (b as { data: Uint8Array }).data];
  return x.length === y.length && x.every((byte, i) => byte === y[i]);
}

/** Whether two lists of observations are the same, in the same order (Autobahn compares them whole). */
export function sameObservations(a: readonly Observed[], b: readonly Observed[]): boolean {
  return a.length === b.length && a.every((item, i) => sameObservation(item, b[i]!));
}

/** The first expected outcome that the observations match, OK before NON-STRICT; FAILED when none does. */
export function judgeReplies(received: readonly Observed[], expected: ConformanceCase['expected']): { behavior: Verdict; result: string } {
  for (const verdict of ['OK', 'NON-STRICT'] as const) {
    const outcome = expected[verdict];
    if (outcome !== undefined && sameObservations(received, outcome))
      return { behavior: verdict, result: 'What came back matches an expected outcome.' };
  }
  return { behavior: 'FAILED', result: 'What came back differs from every expected outcome.' };
}

/**
 * Autobahn's closing verdict, in its order of checks. Its WRONG CODE (a close code outside the
 * expected ones) is reported as NON-STRICT, as its own report colours it, and its UNCLEAN as
 * FAILED; "failed by client" (the server left TCP for the prober to drop, against §7.1.1's SHOULD)
 * is NON-STRICT.
 */
export function judgeClosing(
  facts: ClosingFacts,
  expected: ExpectedClose,
  peer: Peer = 'server',
): { behaviorClose: Verdict; resultClose: string; wrongCode: boolean } {
  const verdict = (behaviorClose: Verdict, resultClose: string, wrongCode = false) => ({ behaviorClose, resultClose, wrongCode });
  if (!facts.connectionWasOpen) return verdict('FAILED', 'The opening handshake never completed.');
  if (facts.timedOut) return verdict('FAILED', `The case ran into its time limit: the ${peer} neither answered nor closed.`);
  if (expected.closedByMe !== facts.closedByMe) {
    return verdict(
      'FAILED',
      expected.closedByMe
        ? `The ${peer} closed, but the suite was to start the closing.`
        : `The ${peer} should have failed the connection, but the suite had to close it.`,
    );
  }
  if (expected.requireClean && !facts.wasClean)
    return verdict('FAILED', 'The closing handshake did not complete, and this case requires a clean close.');
  if (facts.remoteCloseCode !== null && !expected.closeCode.includes(facts.remoteCloseCode)) {
    return verdict(
      'NON-STRICT',
      `The ${peer} closed with ${facts.remoteCloseCode}; expected ${expected.closeCode.join(' or ')}, or no code.`,
      true,
    );
  }
  if (facts.droppedByMe)
    return verdict(
      'NON-STRICT',
      'The server did not close the TCP connection; the prober had to (§7.1.1: the server SHOULD close it first).',
    );
  return verdict('OK', 'The connection was closed as expected.');
}

/** Both verdicts for a frame case, with the per-case rules Autobahn applies after the generic ones. */
export function judgeCase(
  testCase: ConformanceCase,
  received: readonly Observed[],
  facts: ClosingFacts,
  bulk?: { behavior: Verdict; result: string },
  peer: Peer = 'server',
): Verdicts {
  let { behavior, result } = bulk ?? judgeReplies(received, testCase.expected);
  const closing = judgeClosing(facts, testCase.expectedClose, peer);
  let { behaviorClose } = closing;
  const { resultClose } = closing;
  if (
    testCase.expectedClose.closedByWrongEndpointIsFatal &&
    facts.connectionWasOpen &&
    testCase.expectedClose.closedByMe !== facts.closedByMe
  ) {
    behavior = 'FAILED';
    result = `The suite, not the ${peer}, had to close: the ${peer} never noticed the invalid text.`;
  }
  if (testCase.wrongCodeFailsCase && closing.wrongCode) {
    behavior = 'FAILED';
    result = resultClose;
  }
  if (!facts.connectionWasOpen) {
    behavior = 'FAILED';
    result = 'The opening handshake never completed.';
  }
  if (testCase.informational && facts.connectionWasOpen) {
    result = `${behavior === 'OK' ? 'The expected replies came back. ' : behavior === 'NON-STRICT' ? 'No reply came back. ' : ''}The spec leaves this open.`;
    behavior = 'INFORMATIONAL';
    behaviorClose = 'INFORMATIONAL';
  }
  return { behavior, behaviorClose, result, resultClose };
}
