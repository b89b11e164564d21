// The troubleshooting pages' shell example, run as shown against a real demo server: it prints the answer's status and headers.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findBinary } from './proxy-harness.ts';
import { startDemo } from './demo-harness.ts';

const CHECK_UPGRADE = 'examples/troubleshooting/check-upgrade.sh';
const run = promisify(execFile);

describe.skipIf(!findBinary('curl'))(CHECK_UPGRADE, () => {
  it('prints a 101 with Upgrade and the RFC key’s Accept for a working endpoint, and only the head', async () => {
    const { base } = await startDemo();
    const { stdout } = await run('sh', [CHECK_UPGRADE, `http://${base}/ws/echo`]);
    expect(stdout).toBe(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n',
    );
  });

  it.each([
    ['status-404', 'HTTP/1.1 404 Not Found'],
    ['status-200', 'HTTP/1.1 200 OK'],
    ['proxy-dropped-upgrade', 'HTTP/1.1 426 Upgrade Required'],
    ['foreign-origin', 'HTTP/1.1 403 Forbidden'],
  ])('prints the status a broken path answers (%s), without the body', async (symptom, statusLine) => {
    const { base } = await startDemo();
    const { stdout } = await run('sh', [CHECK_UPGRADE, `http://${base}/ws/trouble?symptom=${symptom}`]);
    expect(stdout.split('\r\n')[0]).toBe(statusLine);
    expect(stdout.endsWith('\r\n\r\n')).toBe(true);
  });
});
