// The `ws` security history against the demo server: each advisory's input, the exact answer, and then others are still served.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startDemo } from '../demo-harness.ts';
import { echoStillWorks, RawClient, request } from './raw-client.ts';
import { SECURITY_HISTORY } from './security-history.ts';

const installed = JSON.parse(readFileSync('node_modules/ws/package.json', 'utf8')).version as string;

/** Whether version a is at least b (both x.y.z). */
function atLeast(a: string, b: string): boolean {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) if (x![i] !== y![i]) return x![i]! > y![i]!;
  return true;
}

describe('the ws security history', () => {
  for (const testCase of SECURITY_HISTORY) {
    it(`${testCase.advisory}: ${testCase.title}`, async () => {
      // The fix itself is in ws; the demo server's limits are a second line.
      expect(atLeast(installed, testCase.fixedIn), `ws ${installed} has the fix of ${testCase.fixedIn}`).toBe(true);
      const { base } = await startDemo();
      const client = await RawClient.open(base);
      const startedAt = performance.now();
      if (testCase.handshake) {
        await client.write(request(testCase.handshake(base)));
        const answer = await client.readResponse();
        expect(answer.status).toBe(testCase.answer);
        if (testCase.body) expect(answer.body).toContain(testCase.body);
      } else {
        await client.handshake(base);
        await client.write(testCase.frames!);
        const { frames, close } = await client.readUntilClose();
        expect(frames).toEqual([]);
        expect(close?.code).toBe(testCase.answer);
        expect(close?.reason).toBe(testCase.closeReason);
      }
      if (testCase.withinMs) expect(performance.now() - startedAt).toBeLessThan(testCase.withinMs);
      client.destroy();
      expect(await echoStillWorks(base)).toBe('still serving');
    });
  }

  it('has the ws the advisories name as fixed, in the lock file too', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
    const locked = lock.packages['node_modules/ws'].version as string;
    for (const testCase of SECURITY_HISTORY) expect(atLeast(locked, testCase.fixedIn), `${testCase.advisory}: ws ${locked}`).toBe(true);
  });
});
