// A token in the WebSocket URL's query string ends up in the access log of every proxy on the way: real nginx, real log lines.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDemo } from './demo-harness.ts';
import { connectTo, credential, signIn } from './auth-client.ts';
import { findBinary, freePort, replaceOnce, startNginx } from '../support/local-servers.ts';
import { scratchDir, startChild, DIST_DIR } from './proxy-harness.ts';
import { printedPort } from '../support/local-servers.ts';

const EXAMPLE = 'examples/security/nginx-token-log.conf';
const nginx = findBinary('nginx', '/usr/sbin/nginx');

/** The example with this test's port, upstream and files; nothing else changes. */
function render(upstreamPort: number, port: number, dir: string): string {
  let conf = readFileSync(EXAMPLE, 'utf8');
  conf = replaceOnce(conf, 'pid /run/nginx.pid;', `pid ${dir}/nginx.pid;`);
  conf = replaceOnce(conf, 'error_log /var/log/nginx/error.log;', 'error_log stderr;');
  conf = replaceOnce(conf, '/var/log/nginx/access.log', `${dir}/access.log`);
  conf = replaceOnce(conf, '/var/log/nginx/access-no-query.log', `${dir}/access-no-query.log`);
  conf = replaceOnce(conf, 'listen 8000;', `listen 127.0.0.1:${port};`);
  conf = replaceOnce(conf, 'proxy_pass http://127.0.0.1:8080;', `proxy_pass http://127.0.0.1:${upstreamPort};`);
  const temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `${kind}_temp_path ${dir}/${kind};`).join(' ');
  return replaceOnce(conf, 'http {', `http {\n    ${temps}`);
}

describe.skipIf(!nginx)(`${EXAMPLE} (nginx${nginx ? '' : ' is not installed: skipped'})`, () => {
  it('writes the token into the default access log line, and leaves it out of a format that logs $uri', async () => {
    const { base } = await startDemo();
    const { cookie } = await signIn(base);
    const token = await credential(base, 'token', cookie);
    const dir = scratchDir();
    const port = await freePort();
    const proxy = await startNginx(nginx!, dir, render(Number(base.split(':')[1]), port, dir), port);
    try {
      const outcome = await connectTo(`ws://127.0.0.1:${port}/ws/auth/query?token=${token}`);
      expect(outcome.opened).toBe(true);
      if (outcome.opened) {
        outcome.ws.close();
        await new Promise((resolve) => outcome.ws.once('close', resolve));
      }
    } finally {
      // nginx writes a WebSocket's log line when the proxied connection ends; stopping it flushes the logs.
      await proxy.stop();
    }
    const combined = readFileSync(path.join(dir, 'access.log'), 'utf8');
    expect(combined).toMatch(new RegExp(`"GET /ws/auth/query\\?token=${token} HTTP/1\\.1" 101 `));
    const noQuery = readFileSync(path.join(dir, 'access-no-query.log'), 'utf8');
    expect(noQuery).toMatch(/"GET \/ws\/auth\/query HTTP\/1\.1" 101/);
    expect(noQuery).not.toContain(token);
  });
});

describe("the demo server's own log", () => {
  it('records the path of /ws/auth/query, never its query string, on the way in and on a refusal', async () => {
    const started = startChild(process.execPath, ['server/start.ts'], { PORT: '0', HOST: '127.0.0.1', DIST_DIR, LOG_LEVEL: 'info' });
    const base = `127.0.0.1:${await printedPort(started)}`;
    const { cookie } = await signIn(base);
    const token = await credential(base, 'token', cookie);
    const outcome = await connectTo(`ws://${base}/ws/auth/query?token=${token}`);
    if (outcome.opened) outcome.ws.close();
    await connectTo(`ws://${base}/ws/auth/query?token=not-a-token-${token.slice(0, 8)}`);
    // pino writes asynchronously: wait for the refusal's line.
    const deadline = Date.now() + 5000;
    while (!started.output().includes('"event":"refused"') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const log = started.output();
    expect(log).toContain('"endpoint":"/ws/auth/query"');
    expect(log).toContain('"path":"/ws/auth/query"');
    expect(log).not.toContain(token);
    expect(log).not.toContain('token=');
  });
});
