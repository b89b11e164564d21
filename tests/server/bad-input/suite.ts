// Registers the bad-input suite against a server: every handshake and frame case, whole and one byte per read, each
// followed by a fresh client's echo. The demo server's tests and the workshop's final step both run it.
import { describe, expect, it } from 'vitest';
import { CLIENT_CLOSE, FRAME_CASES, type FrameCase } from './frame-cases.ts';
import { HANDSHAKE_CASES, handshakeAnswerProblems, type HandshakeCase } from './handshake-cases.ts';
import { unsplitReads } from './one-byte-per-read.ts';
import { echoStillWorks, RawClient, request } from './raw-client.ts';

const ways = [
  { name: 'whole', bytewise: false },
  { name: 'byte by byte', bytewise: true },
] as const;

/**
 * Sends a handshake case (whole, or one byte per read) and checks the answer, then that the server still serves.
 * Byte by byte, the server under test must be watched (watchServerReads): the split itself is asserted.
 */
export async function runHandshakeCase(base: string, testCase: HandshakeCase, bytewise: boolean): Promise<void> {
  const client = await RawClient.open(base);
  const reads = await client.write(request(testCase.lines(base)), bytewise);
  const answer = await client.readResponse();
  client.destroy();
  if (bytewise) expect(unsplitReads(reads), 'one byte per read').toBeNull();
  expect(handshakeAnswerProblems(testCase, answer)).toEqual([]);
  expect(await echoStillWorks(base)).toBe('still serving');
}

/** Sends a frame case after a valid handshake (whole, or one byte per read) and checks the replies and the Close code. */
export async function runFrameCase(base: string, testCase: FrameCase, bytewise: boolean): Promise<void> {
  const client = await RawClient.open(base);
  await client.handshake(base);
  const reads = await client.write(testCase.bytes, bytewise);
  if (testCase.clientCloses) await client.write(CLIENT_CLOSE);
  const { frames, close } = await client.readUntilClose();
  client.destroy();
  if (bytewise) expect(unsplitReads(reads), 'one byte per read').toBeNull();
  expect([testCase.closeCode, ...(testCase.orCloseCodes ?? [])]).toContain(close?.code);
  if (testCase.checkReplies !== false) expect(frames).toEqual(testCase.replies ?? []);
  expect(await echoStillWorks(base)).toBe('still serving');
}

/**
 * `base` gives "host:port" of the server under test once it listens (it is read inside each test, after the
 * caller's beforeAll). `skip` names cases that do not apply to that server.
 */
export function describeBadInputSuite(base: () => string, skip: (id: string) => boolean = () => false): void {
  describe('handshakes', () => {
    for (const testCase of HANDSHAKE_CASES) {
      if (skip(testCase.id)) continue;
      const statuses = [testCase.status, ...(testCase.orElse ? [testCase.orElse.status] : [])].join(' or ');
      for (const way of ways) {
        if (way.bytewise && testCase.wholeOnly) continue;
        it(`${testCase.id} ${testCase.title}: ${statuses} (${way.name})`, () => runHandshakeCase(base(), testCase, way.bytewise));
      }
    }
  });

  describe('frames (Autobahn|Testsuite categories 1–7 and 9)', () => {
    for (const testCase of FRAME_CASES) {
      if (skip(testCase.id)) continue;
      for (const way of ways) {
        if (way.bytewise && testCase.wholeOnly) continue;
        const answer = [testCase.closeCode, ...(testCase.orCloseCodes ?? [])]
          .map((code) => (code === null ? 'an empty Close' : `Close ${code}`))
          .join(' or ');
        it(`${testCase.id} ${testCase.title}: ${answer} (${way.name})`, () => runFrameCase(base(), testCase, way.bytewise));
      }
    }
  });
}
