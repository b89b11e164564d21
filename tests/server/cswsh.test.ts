// The CSWSH demo: the second origin exists only when switched on, its page's socket is refused by the Origin check, and the
// deliberately unsafe endpoint (which takes it) answers only loopback.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { startDemo } from './demo-harness.ts';
import { connectTo, signIn } from './auth-client.ts';
import { echoStillWorks } from './bad-input/raw-client.ts';
import { applyHttpLimits, createDemoServer, httpServerOptions, optionsFromEnv } from '../../server/index.ts';
import { isLoopbackAddress, isLoopbackHost } from '../../server/cswsh/loopback.ts';
import { SECOND_ORIGIN_TEXT } from '../../server/cswsh/second-origin-text.ts';

async function secondOriginPort(base: string): Promise<number> {
  const response = await fetch(`http://${base}/cswsh/second-origin`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { port: number }).port;
}

describe('with DEMO_SECOND_ORIGIN off (the default)', () => {
  it('has no second origin and no /ws/cswsh/unsafe at all: 404, as for any unknown path', async () => {
    const { base } = await startDemo();
    const where = await fetch(`http://${base}/cswsh/second-origin`);
    expect(where.status).toBe(404);
    expect(await where.text()).toContain('DEMO_SECOND_ORIGIN');
    const { cookie } = await signIn(base);
    const unsafe = await connectTo(`ws://${base}/ws/cswsh/unsafe`, { headers: { Cookie: cookie } });
    expect(unsafe).toMatchObject({
      opened: false,
      status: 404,
      body: expect.stringContaining('There is no WebSocket endpoint at /ws/cswsh/unsafe'),
    });
  });

  it('is read from DEMO_SECOND_ORIGIN, on or off, and a wrong spelling stops the server with a reason', () => {
    expect(optionsFromEnv({ DEMO_SECOND_ORIGIN: 'on' }).secondOrigin).toBe(true);
    expect(optionsFromEnv({ DEMO_SECOND_ORIGIN: 'off' }).secondOrigin).toBe(false);
    expect(optionsFromEnv({}).secondOrigin).toBeUndefined();
    expect(() => optionsFromEnv({ DEMO_SECOND_ORIGIN: 'maybe' })).toThrow('DEMO_SECOND_ORIGIN must be on or off');
  });

  it('is the default of npm start only when HOST is loopback (start.ts asks isLoopbackHost)', () => {
    for (const host of ['127.0.0.1', '::1', 'localhost', '127.0.0.53']) expect(isLoopbackHost(host), host).toBe(true);
    // No HOST means every interface, so the server is reachable from elsewhere: off.
    for (const host of [undefined, '0.0.0.0', '::', '192.168.1.10', 'workshop.example.com']) expect(isLoopbackHost(host), host).toBe(false);
    expect(isLoopbackAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('::ffff:10.0.0.1')).toBe(false);
  });
});

describe('with DEMO_SECOND_ORIGIN on', () => {
  it("serves the other origin's page on loopback with its own Content-Security-Policy", async () => {
    const { base } = await startDemo({ secondOrigin: true });
    const port = await secondOriginPort(base);
    expect(port).not.toBe(Number(base.split(':')[1]));
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<h1>A page from another origin</h1>');
    expect((await fetch(`http://127.0.0.1:${port}/attacker.js`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/nothing`)).status).toBe(404);
  });

  it('speaks the language of the workshop page the reader came from, its script sentences included', async () => {
    const { base } = await startDemo({ secondOrigin: true });
    const port = await secondOriginPort(base);
    const pageFrom = async (from: string) => {
      const html = await (await fetch(`http://127.0.0.1:${port}/?from=${encodeURIComponent(from)}`)).text();
      const json = /<script type="application\/json" id="text">([^<]*)<\/script>/.exec(html)?.[1];
      return { html, script: JSON.parse(json ?? 'null') as unknown };
    };
    for (const [from, locale] of [
      [`http://${base}/zh-cn/security/cross-site-hijacking/`, 'zh-CN'],
      [`http://${base}/workshop/zh-cn/security/cross-site-hijacking/`, 'zh-CN'],
      [`http://${base}/security/cross-site-hijacking/`, 'en'],
      ['not a URL', 'en'],
    ] as const) {
      const { html, script } = await pageFrom(from);
      const text = SECOND_ORIGIN_TEXT[locale];
      expect(html, from).toContain(`<html lang="${text.page.lang}">`);
      expect(html, from).toContain(`<h1>${text.page.heading}</h1>`);
      expect(html, from).toContain(`aria-label="${text.page.verdictLabel}"`);
      expect(html, from).not.toMatch(/\{\{\w+\}\}/);
      expect(script, from).toEqual(text.script);
    }
  });

  it("refuses the other origin's socket with 403 though the cookie came along, and tells that page what it answered", async () => {
    const { base } = await startDemo({ secondOrigin: true });
    const port = await secondOriginPort(base);
    const { user, cookie } = await signIn(base);
    const headers = { Cookie: cookie, Origin: `http://127.0.0.1:${port}` };
    const guarded = await connectTo(`ws://${base}/ws/auth/cookie`, { headers });
    expect(guarded).toMatchObject({ opened: false, status: 403, body: expect.stringContaining('may not connect') });
    const unsafe = await connectTo(`ws://${base}/ws/cswsh/unsafe`, { headers });
    expect(unsafe.opened && unsafe.welcome).toEqual({ type: 'welcome', user, via: 'cookie without an Origin check' });
    const seen = await (await fetch(`http://127.0.0.1:${port}/seen`)).json();
    expect(seen).toEqual([
      { path: '/ws/auth/cookie', status: 403, code: 'DEMO_ERR_ORIGIN_NOT_ALLOWED', cookieSent: true },
      { path: '/ws/cswsh/unsafe', status: 101, code: null, cookieSent: true },
    ]);
    // A handshake from anywhere else is none of that page's business.
    await connectTo(`ws://${base}/ws/auth/cookie`, { headers: { Cookie: cookie, Origin: 'http://evil.example' } });
    expect(await (await fetch(`http://127.0.0.1:${port}/seen`)).json()).toHaveLength(2);
  });

  it('refuses /ws/cswsh/unsafe to a Host that is not loopback (a rebound DNS name), and still serves everyone else', async () => {
    const { base } = await startDemo({ secondOrigin: true });
    const { cookie } = await signIn(base);
    const rebound = await connectTo(`ws://${base}/ws/cswsh/unsafe`, { headers: { Cookie: cookie, Host: 'attacker.example' } });
    expect(rebound).toMatchObject({ opened: false, status: 403, body: expect.stringContaining('has no Origin check') });
    expect(rebound.opened === false && rebound.body).toContain('answers only this machine');
    expect(await echoStillWorks(base)).toBe('still serving');
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;

  it.skipIf(!external)(`refuses /ws/cswsh/unsafe to a peer that is not loopback (${external ?? 'no external interface'})`, async () => {
    const demo = createDemoServer({ secondOrigin: true });
    const http = createServer(httpServerOptions(demo.options), (req, res) => {
      if (!demo.handleRequest(req, res)) res.writeHead(404).end();
    });
    applyHttpLimits(http, demo.options);
    http.on('upgrade', (req, socket, head) => void demo.handleUpgrade(req, socket, head));
    http.listen(0, external);
    await once(http, 'listening');
    const base = `${external}:${(http.address() as AddressInfo).port}`;
    try {
      const { cookie } = await signIn(base);
      // Host says localhost, so only the peer's address gives it away.
      const answer = await connectTo(`ws://${base}/ws/cswsh/unsafe`, { headers: { Cookie: cookie, Host: 'localhost' } });
      expect(answer).toMatchObject({ opened: false, status: 403 });
      expect(answer.opened === false && answer.body).toContain('answers only this machine');
    } finally {
      await demo.close();
      http.closeAllConnections();
      http.close();
    }
  });
});
