// Shares this node's connection counts with the other nodes every CAPS_SYNC_MS, so the caps count the whole cluster.
import type { ConnectionCaps } from './connection-caps.ts';
import type { ConnectionLedger } from './broker/connection-ledger.ts';

/** How often each node shares its counts; a node's places count for CAPS_TTL_MS after its last share. */
export const CAPS_SYNC_MS = 1000;
/** Three shares missed: the node is gone, and its places are free again. */
export const CAPS_TTL_MS = 3 * CAPS_SYNC_MS;

/**
 * Starts sharing; returns a stop function. Between shares the caps are exact for this node and a second old for
 * the others, so a burst spread over N nodes may pass a cap by what N−1 nodes admit in one second. While the ledger
 * cannot be reached, what the others last shared counts until it is CAPS_TTL_MS old; then each node caps alone.
 */
export function startCapsSync(caps: ConnectionCaps, ledger: ConnectionLedger, nodeName: () => string): () => Promise<void> {
  let lastShared = 0;
  const share = async (): Promise<void> => {
    const node = nodeName();
    // The default name needs a first request to know its port; until then there is nothing to share.
    if (node === '') return;
    try {
      caps.setOthers(await ledger.share(node, caps.snapshot()));
      lastShared = Date.now();
    } catch {
      if (Date.now() - lastShared > CAPS_TTL_MS) caps.setOthers({ total: 0, byGroup: new Map() });
    }
  };
  const timer = setInterval(() => void share(), CAPS_SYNC_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await ledger.close();
  };
}
