// Which address a connection comes from: the TCP peer's, or, behind a trusted proxy, the one the proxy forwarded.
import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';
import proxyAddr from 'proxy-addr';

/** Says whether the address, `hop` steps from the server, is one of the trusted proxies. */
export type TrustedProxies = (address: string, hop: number) => boolean;

/**
 * Compiles TRUSTED_PROXIES (addresses, CIDR ranges, or proxy-addr's names `loopback`, `linklocal`, `uniquelocal`);
 * null when the list is empty, so that no header is ever trusted. Throws a TypeError that names the bad entry.
 */
export function compileTrustedProxies(list: readonly string[]): TrustedProxies | null {
  if (list.length === 0) return null;
  for (const entry of list) {
    try {
      proxyAddr.compile(entry);
    } catch {
      throw new TypeError(
        `The trusted proxy ${JSON.stringify(entry)} is not an IP address, a CIDR range (such as 10.0.0.0/8) or one of loopback, linklocal, uniquelocal.`,
      );
    }
  }
  return proxyAddr.compile([...list]);
}

/**
 * The client's address. Anyone can send X-Forwarded-For, so it counts only when the TCP peer is a trusted proxy.
 * Then the address is the rightmost one in the header that is not a trusted proxy: the proxy appended it, while
 * the entries to its left came from the client and may be made up (proxy-addr walks the list this way).
 */
export function clientAddress(request: IncomingMessage, trusted: TrustedProxies | null): string {
  const address = trusted ? proxyAddr(request, trusted) : request.socket.remoteAddress;
  return address || 'unknown';
}

/**
 * Which addresses count as one client for the per-address cap. An IPv4 address (also when written as an
 * IPv4-mapped IPv6 address, as a dual-stack socket reports it) counts as itself. IPv6 counts by its first 64
 * bits: one home or one server is usually given a whole /64 (RFC 4291 §2.5.4 makes 64-bit interface IDs the
 * norm), so a client could otherwise open each connection from a new address of its own.
 */
export function clientGroup(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const prefix = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${prefix.join(':')}::/64`;
}
