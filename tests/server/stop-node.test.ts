// POST /cluster/stop/<node>: who may stop a node (loopback readers, in cluster mode, with the header, same origin) and what stopping does to a real npm start.
import { once } from 'node:events';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEMO_ERRORS } from '../../server/demo-errors.ts';
import { STOP_NODE_HEADER } from '../../src/lib/demo-messages.ts';
import { startDemo } from './demo-harness.ts';
import { startSite } from './proxy-harness.ts';
import { chatClient } from './chat-client.ts';

const HEADER = { [STOP_NODE_HEADER]: 'node-1' };

/** node:http rather than fetch, so the test may set Host as a browser on a rebound name would. */
async function stop(base: string, init: { method?: string; headers?: Record<string, string>; node?: string } = {}) {
  const [hostname, port] = base.split(':');
  const request = httpRequest({
    hostname,
    port: Number(port),
    method: init.method ?? 'POST',
    path: `/cluster/stop/${init.node ?? 'node-1'}`,
    headers: init.headers ?? HEADER,
  });
  request.end();
  const [response] = (await once(request, 'response')) as [IncomingMessage];
  let body = '';
  for await (const chunk of response) body += chunk;
  return { status: response.statusCode, body: body.trim(), allow: response.headers.allow ?? null };
}

describe('POST /cluster/stop/<node>, refused', () => {
  it('does not exist unless the node offers it (DEMO_OFFER_STOP_NODE)', async () => {
    const { base } = await startDemo({ nodeName: 'node-1' });
    // The harness answers 418 for every path the demo server does not take.
    expect((await stop(base)).status).toBe(418);
    const ada = await chatClient(base);
    expect(await ada.join('ada')).not.toHaveProperty('canStopNode');
  });

  it('names the rule each refused request broke, and the node keeps serving', async () => {
    const { base } = await startDemo({ nodeName: 'node-1', offerStopNode: true, trustedProxies: ['loopback'] });
    expect(DEMO_ERRORS.DEMO_ERR_STOP_NODE_NOT_LOOPBACK).toEqual({ status: 403, when: 'handshake' });
    expect(DEMO_ERRORS.DEMO_ERR_STOP_NODE_NO_HEADER).toEqual({ status: 403, when: 'handshake' });
    expect(DEMO_ERRORS.DEMO_ERR_STOP_NODE_WRONG_NODE).toEqual({ status: 421, when: 'handshake' });

    expect(await stop(base, { method: 'GET' })).toEqual({
      status: 405,
      body: 'DEMO_ERR_METHOD_NOT_ALLOWED: Stopping a node is a POST request, not GET.',
      allow: 'POST',
    });
    // A reader elsewhere, as the trusted proxy on loopback forwards it.
    const remote = await stop(base, { headers: { ...HEADER, 'X-Forwarded-For': '203.0.113.7' } });
    expect(remote.status).toBe(403);
    expect(remote.body).toMatch(/^DEMO_ERR_STOP_NODE_NOT_LOOPBACK: Only a reader on this machine/);
    // A foreign site whose name resolves to 127.0.0.1 (DNS rebinding) sends its own name as Host.
    const port = base.split(':')[1];
    const rebound = await stop(base, { headers: { ...HEADER, Host: `evil.example:${port}`, Origin: `http://evil.example:${port}` } });
    expect(rebound.body).toMatch(/^DEMO_ERR_STOP_NODE_NOT_LOOPBACK/);
    const foreign = await stop(base, { headers: { ...HEADER, Origin: 'https://elsewhere.example' } });
    expect([foreign.status, foreign.body.split(':')[0]]).toEqual([403, 'DEMO_ERR_ORIGIN_NOT_ALLOWED']);
    const noHeader = await stop(base, { headers: {} });
    expect(noHeader).toMatchObject({ status: 403 });
    expect(noHeader.body).toMatch(/^DEMO_ERR_STOP_NODE_NO_HEADER: A stop request carries the header X-Demo-Stop-Node/);
    const misrouted = await stop(base, { node: 'node-2', headers: { [STOP_NODE_HEADER]: 'node-2' } });
    expect(misrouted.status).toBe(421);
    expect(misrouted.body).toBe(
      'DEMO_ERR_STOP_NODE_WRONG_NODE: This is node-1; the request named "node-2" in its path and "node-2" in X-Demo-Stop-Node, so it was routed to the wrong node and nothing stops.',
    );

    // Still serving: the welcome offers the button to a loopback reader, and not to one the proxy says is elsewhere.
    const ada = await chatClient(base);
    expect(await ada.join('ada')).toMatchObject({ node: 'node-1', canStopNode: true });
    const far = new WebSocket(`ws://${base}/ws/chat`, { headers: { 'X-Forwarded-For': '203.0.113.7' } });
    await once(far, 'open');
    far.send(JSON.stringify({ type: 'join', nickname: 'far' }));
    const [data] = await once(far, 'message');
    expect(JSON.parse(String(data))).toMatchObject({ type: 'welcome', nickname: 'far' });
    expect(JSON.parse(String(data))).not.toHaveProperty('canStopNode');
    far.close();
  });
});

describe('POST /cluster/stop/<node> on a real npm start', () => {
  it('answers 202, closes every socket with 1001 and exits as SIGTERM would', { timeout: 30_000 }, async () => {
    const { child, port } = await startSite({ DEMO_NODE_NAME: 'node-1', DEMO_OFFER_STOP_NODE: '1', LOG_LEVEL: 'warn' });
    const base = `127.0.0.1:${port}`;
    const ada = await chatClient(base);
    expect(await ada.join('ada')).toMatchObject({ canStopNode: true, broker: 'in-process' });
    const closed = once(ada.ws, 'close');
    const exited = once(child, 'exit');

    const answer = await stop(base);
    expect(answer.status).toBe(202);
    expect(answer.body).toBe('node-1 is stopping: it closes every WebSocket with 1001 (Going Away), and the cluster goes on without it.');
    const [code] = (await closed) as [number, Buffer];
    expect(code).toBe(1001);
    expect((await exited)[0]).toBe(0);
  });
});
