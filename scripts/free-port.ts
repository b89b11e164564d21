// A loopback port nobody listens on right now, for programs that cannot be told to pick their own (redis-server, nginx, Caddy).
import { once } from 'node:events';
import { mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

// A port is free only until someone binds it, and two processes (two test files, say) can each be handed the same one
// in that gap. Most programs then fail loudly with EADDRINUSE, but Caddy listens with SO_REUSEPORT: two Caddys share
// the port and the kernel spreads connections between them, so a handshake meant for one lands on the other and fails
// with a TLS alert. Each port handed out is therefore reserved, by a file any process on this machine can see.
const RESERVATIONS = path.join(tmpdir(), 'websocket-workshop-ports');
/** Long enough for any test or dev server to bind what it was given; an older reservation is stale. */
const RESERVATION_MS = 10 * 60_000;
const MAX_TRIES = 50;

export async function freePort(): Promise<number> {
  mkdirSync(RESERVATIONS, { recursive: true });
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const port = await unusedPort();
    if (reserve(port)) return port;
  }
  throw new Error(`no unreserved loopback port after ${MAX_TRIES} tries (reservations in ${RESERVATIONS})`);
}

async function unusedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** True when this process now holds the port's reservation: a new one, or a stale one taken over. */
export function reserve(port: number): boolean {
  const file = path.join(RESERVATIONS, String(port));
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (Date.now() - statSync(file).mtimeMs < RESERVATION_MS) return false;
  const now = new Date();
  utimesSync(file, now, now);
  return true;
}
