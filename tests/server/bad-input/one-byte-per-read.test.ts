// The byte-wise writer splits what a server in this process reads: a recorder server counts its 'data' events.
import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unsplitReads, watchServerReads, writeOneBytePerRead } from './one-byte-per-read.ts';

const server = createServer();
const chunks = new Map<number, number[]>();
let port: number;

beforeAll(async () => {
  watchServerReads(server);
  server.on('connection', (socket: Socket) => {
    const sizes: number[] = [];
    chunks.set(socket.remotePort!, sizes);
    socket.on('data', (chunk: Buffer) => sizes.push(chunk.length));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

afterAll(() => server.close());

it.each([11, 20, 60, 200])('hands the server %i bytes in as many reads of one byte', async (length) => {
  const client = connect(port, '127.0.0.1');
  await once(client, 'connect');
  const reads = await writeOneBytePerRead(client, Buffer.alloc(length, 0x2a));
  const sizes = chunks.get(client.localPort!)!;
  client.destroy();
  expect(sizes).toEqual(Array.from({ length }, () => 1));
  expect(reads).toEqual({ written: length, reads: length, mostAtOnce: 1 });
  expect(unsplitReads(reads)).toBeNull();
});

it('says when a split did not happen, or could not be seen', () => {
  expect(unsplitReads(null)).toMatch(/not watched/);
  expect(unsplitReads({ written: 11, reads: 2, mostAtOnce: 10 })).toBe('the server read 10 bytes at once');
  expect(unsplitReads({ written: 11, reads: 0, mostAtOnce: 0 })).toBe('the server read none of the 11 bytes');
});
