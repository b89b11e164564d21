// The client address the caps and logs use: the TCP peer, or behind a trusted proxy the address it forwarded.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, clientGroup, compileTrustedProxies } from '../../server/client-address.ts';
import { ConnectionCaps } from '../../server/connection-caps.ts';
import { startDemo } from './demo-harness.ts';
import { handshakeLines, RawClient, request } from './bad-input/raw-client.ts';

/** A request as node:http hands it over: only the peer address and the headers matter here. */
function requestFrom(peer: string, forwardedFor?: string): IncomingMessage {
  const headers = forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor };
  return { socket: { remoteAddress: peer }, headers } as unknown as IncomingMessage;
}

describe('clientAddress', () => {
  it('is the TCP peer, and ignores X-Forwarded-For, when no proxy is trusted', () => {
    expect(clientAddress(requestFrom('198.51.100.7', '203.0.113.5'), compileTrustedProxies([]))).toBe('198.51.100.7');
  });

  it('is the address a trusted proxy appended: the rightmost entry that is not a trusted proxy', () => {
    const trusted = compileTrustedProxies(['loopback', '10.0.0.0/8']);
    expect(clientAddress(requestFrom('127.0.0.1', '203.0.113.5'), trusted)).toBe('203.0.113.5');
    // Two proxies deep: nginx on 10.1.2.3 forwarded to a local Caddy.
    expect(clientAddress(requestFrom('127.0.0.1', '203.0.113.5, 10.1.2.3'), trusted)).toBe('203.0.113.5');
    // The client wrote its own X-Forwarded-For to hide behind another address; the proxy appended the real one.
    expect(clientAddress(requestFrom('127.0.0.1', '192.0.2.99, 203.0.113.5'), trusted)).toBe('203.0.113.5');
  });

  it('does not take the header from a peer that is not a trusted proxy', () => {
    const trusted = compileTrustedProxies(['loopback']);
    expect(clientAddress(requestFrom('198.51.100.7', '203.0.113.5'), trusted)).toBe('198.51.100.7');
  });
});

describe('clientGroup', () => {
  it('counts an IPv4 address as itself, also when a dual-stack socket writes it as IPv6', () => {
    expect(clientGroup('203.0.113.5')).toBe('203.0.113.5');
    expect(clientGroup('::ffff:203.0.113.5')).toBe('203.0.113.5');
  });

  it('counts IPv6 addresses by their /64, so one network cannot take a new address per connection', () => {
    expect(clientGroup('2001:db8:aa:bb:1:2:3:4')).toBe('2001:db8:aa:bb::/64');
    expect(clientGroup('2001:db8:aa:bb::ffff')).toBe('2001:db8:aa:bb::/64');
    expect(clientGroup('2001:db8:aa:bc::1')).toBe('2001:db8:aa:bc::/64');
  });

  it('leaves anything that is not an address as it is', () => {
    expect(clientGroup('unknown')).toBe('unknown');
  });
});

describe('ConnectionCaps', () => {
  it('holds one /64 to the per-address cap, and names the network in the refusal', () => {
    const caps = new ConnectionCaps(2, 10);
    expect(caps.reserve('2001:db8:aa:bb::1')).toBeNull();
    expect(caps.reserve('2001:db8:aa:bb::2')).toBeNull();
    expect(caps.reserve('2001:db8:aa:bb::3')?.message).toContain('(counted with the rest of 2001:db8:aa:bb::/64) already has 2');
    expect(caps.reserve('2001:db8:aa:cc::1')).toBeNull();
    caps.release('2001:db8:aa:bb::2');
    expect(caps.reserve('2001:db8:aa:bb::3')).toBeNull();
    expect(caps.open).toBe(3);
  });
});

describe('the per-address cap behind a proxy', () => {
  /** The status of a raw handshake from loopback carrying the given X-Forwarded-For, and the client to close. */
  async function handshakeForwardedFor(base: string, forwardedFor: string): Promise<{ status: number; client: RawClient }> {
    const client = await RawClient.open(base);
    await client.write(request([...handshakeLines(base), `X-Forwarded-For: ${forwardedFor}`]));
    return { status: (await client.readResponse()).status, client };
  }

  it('counts each forwarded client on its own when the proxy is trusted', async () => {
    const { base } = await startDemo({ maxConnectionsPerIp: 1, trustedProxies: ['loopback'] });
    const first = await handshakeForwardedFor(base, '203.0.113.5');
    const second = await handshakeForwardedFor(base, '203.0.113.6');
    const again = await handshakeForwardedFor(base, '192.0.2.1, 203.0.113.5');
    expect([first.status, second.status, again.status]).toEqual([101, 101, 429]);
    for (const { client } of [first, second, again]) client.destroy();
  });

  it('counts every client as the proxy when no proxy is trusted, whatever X-Forwarded-For says', async () => {
    const { base } = await startDemo({ maxConnectionsPerIp: 1 });
    const first = await handshakeForwardedFor(base, '203.0.113.5');
    const second = await handshakeForwardedFor(base, '203.0.113.6');
    expect([first.status, second.status]).toEqual([101, 429]);
    for (const { client } of [first, second]) client.destroy();
  });
});
