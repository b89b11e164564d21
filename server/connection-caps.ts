// Counts open WebSocket connections per client address (an IPv6 /64 counts as one) and in all, so one client or a crowd cannot take every socket.
import { clientGroup } from './client-address.ts';
import { demoError, type DemoProtocolError } from './demo-errors.ts';
import type { ConnectionCounts } from './broker/connection-ledger.ts';

export class ConnectionCaps {
  readonly #perIp: number;
  readonly #total: number;
  readonly #byIp = new Map<string, number>();
  #open = 0;
  /** What the other nodes of a cluster hold, as they last shared it (caps-sync.ts); empty for one process. */
  #others: ConnectionCounts = { total: 0, byGroup: new Map() };

  constructor(maxConnectionsPerIp: number, maxConnections: number) {
    this.#perIp = maxConnectionsPerIp;
    this.#total = maxConnections;
  }

  get open(): number {
    return this.#open;
  }

  /** This node's own counts, to share with the other nodes. */
  snapshot(): ConnectionCounts {
    return { total: this.#open, byGroup: new Map(this.#byIp) };
  }

  /** The other nodes' counts, which reserve() adds to this node's own. */
  setOthers(others: ConnectionCounts): void {
    this.#others = others;
  }

  /**
   * Takes a place for a connection from `ip`, or returns the refusal. The caller calls `release(ip)` exactly once
   * when the socket closes, whether or not the upgrade went through.
   */
  reserve(ip: string): DemoProtocolError | null {
    const group = clientGroup(ip);
    const fromIp = (this.#byIp.get(group) ?? 0) + (this.#others.byGroup.get(group) ?? 0);
    const open = this.#open + this.#others.total;
    // The per-address check comes first: a single greedy address should learn that it is the one over a limit.
    if (fromIp >= this.#perIp) {
      return demoError(
        'DEMO_ERR_TOO_MANY_FROM_IP',
        `Your address${group === ip ? '' : ` (counted with the rest of ${group})`} already has ${fromIp} open connections, the most one address may have. Close one and try again.`,
      );
    }
    if (open >= this.#total) {
      return demoError('DEMO_ERR_SERVER_FULL', `The demo server is full (${open} connections). Try again in a little while.`);
    }
    this.#byIp.set(group, (this.#byIp.get(group) ?? 0) + 1);
    this.#open++;
    return null;
  }

  /** Gives back a place that `reserve(ip)` took. */
  release(ip: string): void {
    const group = clientGroup(ip);
    const fromIp = this.#byIp.get(group);
    if (fromIp === undefined) return;
    this.#open--;
    if (fromIp === 1) this.#byIp.delete(group);
    else this.#byIp.set(group, fromIp - 1);
  }
}
