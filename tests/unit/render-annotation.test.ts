// How a broken rule reads in the annotated dumps: the rule, its section, the bytes, and whose rule failing is.
import { describe, expect, it } from 'vitest';
import { describeViolation } from '../../src/components/render-annotation.ts';
import { violation } from '../../src/lib/protocol/violations.ts';

describe('describeViolation', () => {
  it('states the receiver rule when RFC 6455 makes the receiver fail the connection', () => {
    expect(describeViolation(violation('unmasked-client-frame', { start: 1, end: 2 }))).toBe(
      'A frame sent by the client is not masked, but a client must mask every frame it sends. (§5.1; byte 1; an endpoint that finds it fails the connection with close code 1002.)',
    );
  });

  it('labels failing on a non-minimal length as this decoder’s policy, which ws does not share (§5.2)', () => {
    expect(describeViolation(violation('non-minimal-length', { start: 1, end: 4 }))).toBe(
      'The payload length is written with more bytes than it needs, but the minimal number of bytes must be used. (§5.2; bytes 1–3; RFC 6455 binds only the sender here and states no receiver action; this decoder fails the connection with close code 1002, while ws accepts the frame.)',
    );
  });

  it.each([
    'close-code-not-used',
    'close-code-reserved',
    'close-code-must-not-be-sent',
    'close-code-unassigned',
    'close-code-out-of-range',
  ] as const)('labels failing on %s as the policy of this decoder and ws (§7.4)', (id) => {
    expect(describeViolation(violation(id, { start: 2, end: 4 }))).toContain(
      'RFC 6455 gives this code no use in a Close frame and states no receiver action; this decoder and ws fail the connection with close code 1002.)',
    );
  });
});
