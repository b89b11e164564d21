// The two commands a reader runs, started as real processes: `npm start` (built site) and `npm run dev`.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

const children: ChildProcess[] = [];

/** Starts a command on Node 24 and resolves with the first http://host:port it prints. */
async function startProcess(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; origin: string; output: () => string }> {
  // Without VITEST, as a reader's shell has it: the dev integration skips itself under Vitest.
  const { VITEST: _vitest, ...parentEnv } = process.env;
  const child = spawn(process.execPath, args, { env: { ...parentEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  const origin = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /http:\/\/(?:localhost|127\.0\.0\.1):(\d+)/.exec(output.replace(/\x1b\[[0-9;]*m/g, ''));
      if (match) resolve(`127.0.0.1:${match[1]}`);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before listening:\n${output}`)));
  });
  return { child, origin, output: () => output };
}

async function echoOnce(url: string, text: string): Promise<string> {
  const ws = new WebSocket(url);
  await once(ws, 'open');
  ws.send(text);
  const [data] = await once(ws, 'message');
  ws.close();
  return String(data);
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

describe('npm start', () => {
  it('serves the built site, /healthz and /ws/echo on one port, and closes sockets with 1001 on SIGTERM', async () => {
    expect(existsSync('dist/404.html'), 'npm start serves dist/: run npm run build first').toBe(true);
    const { child, origin } = await startProcess(['server/start.ts'], { PORT: '0', HOST: '127.0.0.1' });
    expect((await fetch(`http://${origin}/healthz`)).status).toBe(200);
    const page = await fetch(`http://${origin}/handshake/`, { headers: { 'Accept-Encoding': 'br' } });
    expect(page.status).toBe(200);
    // The build's precompressed copy, not the 75 KB original.
    expect(page.headers.get('content-encoding')).toBe('br');
    expect(await page.text()).toContain('<ws-accept-calculator');
    // Starlight's inline theme script is allowed by its hash; nothing else inline is.
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect((await fetch(`http://${origin}/no-such-page/`)).status).toBe(404);
    const crowded = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`x-filler-${i}`, String(i)]));
    expect((await fetch(`http://${origin}/handshake/`, { headers: crowded })).status).toBe(431);
    expect(await echoOnce(`ws://${origin}/ws/echo`, 'over one origin')).toBe('over one origin');

    const ws = new WebSocket(`ws://${origin}/ws/echo`);
    await once(ws, 'open');
    const closed = once(ws, 'close');
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await closed;
    expect(code).toBe(1001);
    expect((await exited)[0]).toBe(0);
  });
});

describe('npm run dev', () => {
  it('mounts /ws/* into astro dev and leaves the Vite HMR socket alone', { timeout: 60_000 }, async () => {
    const { origin } = await startProcess(['node_modules/astro/bin/astro.mjs', 'dev', '--port', '0', '--host', '127.0.0.1']);
    expect(await echoOnce(`ws://${origin}/ws/echo`, 'in dev')).toBe('in dev');
    expect((await fetch(`http://${origin}/healthz`)).status).toBe(200);
    expect(await (await fetch(`http://${origin}/metrics`)).text()).toContain('demo_messages_total{endpoint="/ws/echo",direction="in"} 1');

    // The dev server's own pages may connect; another site's may not.
    const samePage = new WebSocket(`ws://${origin}/ws/echo`, { origin: `http://${origin}` });
    await once(samePage, 'open');
    samePage.close();
    const otherSite = new WebSocket(`ws://${origin}/ws/echo`, { origin: 'https://evil.example' });
    otherSite.on('error', () => {});
    expect((await once(otherSite, 'unexpected-response'))[1].statusCode).toBe(403);

    const unknown = new WebSocket(`ws://${origin}/ws/nope`);
    unknown.on('error', () => {});
    const [, response] = await once(unknown, 'unexpected-response');
    expect(response.statusCode).toBe(404);

    // Vite's HMR client connects with the vite-hmr subprotocol; it must still be Vite that answers.
    const hmr = new WebSocket(`ws://${origin}/`, 'vite-hmr');
    const [first] = await once(hmr, 'message');
    expect(JSON.parse(String(first))).toMatchObject({ type: 'connected' });
    hmr.close();
  });
});
