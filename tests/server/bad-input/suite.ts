// Registers the bad-input suite against a server: every handshake and frame case, whole and byte by byte, each
// followed by a fresh client's echo. The demo server's tests and the workshop's final step both run it.
import { describe, expect, it } from 'vitest';
import { CLIENT_CLOSE, FRAME_CASES } from './frame-cases.ts';
import { HANDSHAKE_CASES } from './handshake-cases.ts';
import { echoStillWorks, RawClient, request } from './raw-client.ts';

const ways = [
  { name: 'whole', bytewise: false },
  { name: 'byte by byte', bytewise: true },
] as const;

/**
 * `base` gives "host:port" of the server under test once it listens (it is read inside each test, after the
 * caller's beforeAll). `skip` names cases that do not apply to that server.
 */
export function describeBadInputSuite(base: () => string, skip: (id: string) => boolean = () => false): void {
  describe('handshakes', () => {
    for (const testCase of HANDSHAKE_CASES) {
      if (skip(testCase.id)) continue;
      for (const way of ways) {
        if (way.bytewise && testCase.wholeOnly) continue;
        it(`${testCase.id} ${testCase.title}: ${testCase.status} (${way.name})`, async () => {
          const client = await RawClient.open(base());
          await client.write(request(testCase.lines(base())), way.bytewise);
          const answer = await client.readResponse();
          client.destroy();
          expect(answer.status).toBe(testCase.status);
          for (const [name, value] of Object.entries(testCase.headers ?? {})) expect(answer.headers[name]).toBe(value);
          if (testCase.body) expect(answer.body).toContain(testCase.body);
          expect(await echoStillWorks(base())).toBe('still serving');
        });
      }
    }
  });

  describe('frames (Autobahn|Testsuite categories 1–7 and 9)', () => {
    for (const testCase of FRAME_CASES) {
      if (skip(testCase.id)) continue;
      for (const way of ways) {
        if (way.bytewise && testCase.wholeOnly) continue;
        const answer = testCase.closeCode === null ? 'an empty Close' : `Close ${testCase.closeCode}`;
        it(`${testCase.id} ${testCase.title}: ${answer} (${way.name})`, async () => {
          const client = await RawClient.open(base());
          await client.handshake(base());
          await client.write(testCase.bytes, way.bytewise);
          if (testCase.clientCloses) await client.write(CLIENT_CLOSE);
          const { frames, close } = await client.readUntilClose();
          client.destroy();
          expect(close?.code).toBe(testCase.closeCode);
          if (testCase.checkReplies !== false) expect(frames).toEqual(testCase.replies ?? []);
          expect(await echoStillWorks(base())).toBe('still serving');
        });
      }
    }
  });
}
