// freePort's reservations: a port handed to one process is not handed to another, since Caddy would share it silently.
import { execFileSync } from 'node:child_process';
import { statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, reserve } from '../../scripts/free-port.ts';

const reservationOf = (port: number) => path.join(tmpdir(), 'websocket-workshop-ports', String(port));

describe('freePort', () => {
  it('reserves the port it returns, so no process, this one included, is given it again', async () => {
    const port = await freePort();
    expect(statSync(reservationOf(port)).isFile()).toBe(true);
    expect(reserve(port)).toBe(false);
  });

  it('holds a port another process was given, and takes a reservation over once it is stale', () => {
    const script = "import('./scripts/free-port.ts').then(async (m) => console.log(await m.freePort()))";
    const port = Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim());
    expect(port).toBeGreaterThan(0);
    expect(reserve(port)).toBe(false);
    const elevenMinutesAgo = new Date(Date.now() - 11 * 60_000);
    utimesSync(reservationOf(port), elevenMinutesAgo, elevenMinutesAgo);
    expect(reserve(port)).toBe(true);
    expect(reserve(port)).toBe(false);
  });
});
