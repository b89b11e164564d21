// The seam for connection caps across nodes: each node shares its own open connections and learns everyone else's.

/** Open WebSocket connections: in all, and per client group (an address, or an IPv6 /64). */
export interface ConnectionCounts {
  total: number;
  byGroup: Map<string, number>;
}

export interface ConnectionLedger {
  /**
   * Records this node's counts under its name and returns the sum of every other live node's, as each last shared
   * them. A node that stops sharing (it died) drops out after the ledger's TTL, and its places with it.
   */
  share(node: string, mine: ConnectionCounts): Promise<ConnectionCounts>;
  close(): Promise<void>;
}
