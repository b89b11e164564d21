// Decrypting wss: with a key log: a real TLS echo, its client run with Node's --tls-keylog, its bytes captured by a relay, and tshark decrypting and dissecting them with examples/debugging/decrypt-wss.sh.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { tcpPcap, type StreamChunk } from '../../scripts/session-pcap.ts';
import { findBinary, selfSignedCertificate } from '../support/local-servers.ts';

const CLIENT_EXAMPLE = 'examples/debugging/wss-echo-client.js';
const DECRYPT_EXAMPLE = 'examples/debugging/decrypt-wss.sh';
const tshark = findBinary('tshark');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A TCP relay in front of `upstreamPort` that keeps, in order, the chunks each side wrote: a capture without privileges. */
async function recordingRelay(upstreamPort: number): Promise<{ port: number; chunks: StreamChunk[] }> {
  const chunks: StreamChunk[] = [];
  const relay = createTcpServer((client: Socket) => {
    const upstream = connect(upstreamPort, '127.0.0.1');
    client.on('data', (bytes: Buffer) => {
      chunks.push({ from: 'client', bytes });
      upstream.write(bytes);
    });
    upstream.on('data', (bytes: Buffer) => {
      chunks.push({ from: 'server', bytes });
      client.write(bytes);
    });
    client.on('end', () => upstream.end()).on('error', () => upstream.destroy());
    upstream.on('end', () => client.end()).on('error', () => client.destroy());
  });
  relay.listen(0, '127.0.0.1');
  await once(relay, 'listening');
  cleanups.push(() => void relay.close());
  return { port: (relay.address() as AddressInfo).port, chunks };
}

describe.skipIf(!tshark)(`decrypting wss: with a key log${tshark ? '' : ' (tshark is not installed: skipped)'}`, () => {
  it(`lets tshark read the frames of a TLS echo that ${CLIENT_EXAMPLE} ran under --tls-keylog, and nothing without the log`, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ws-keylog-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const pem = selfSignedCertificate(dir, 'localhost');

    // A TLS echo server: every message goes back as it came.
    const https = createHttpsServer({ cert: readFileSync(pem.cert), key: readFileSync(pem.key) });
    const wss = new WebSocketServer({ server: https });
    wss.on('connection', (socket) => socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })));
    https.listen(0, '127.0.0.1');
    await once(https, 'listening');
    cleanups.push(() => {
      wss.close();
      https.close();
    });
    const relay = await recordingRelay((https.address() as AddressInfo).port);

    // The example client, as a reader runs it, with the test's certificate trusted and a key log.
    const keyLog = path.join(dir, 'keys.log');
    const client = spawn(process.execPath, [`--tls-keylog=${keyLog}`, CLIENT_EXAMPLE, `wss://localhost:${relay.port}/ws/echo`], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: pem.cert },
      // stderr has only Node's warning that a key log makes TLS insecure, which is the point here.
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let printed = '';
    client.stdout!.on('data', (chunk: Buffer) => (printed += chunk));
    const [exitCode] = (await once(client, 'exit')) as [number];
    expect(exitCode).toBe(0);
    expect(printed).toBe('echoed: Hello over TLS\n');
    expect(readFileSync(keyLog, 'utf8')).toMatch(/^CLIENT_HANDSHAKE_TRAFFIC_SECRET [0-9a-f]{64} [0-9a-f]+$/m);

    const capture = path.join(dir, 'capture.pcap');
    writeFileSync(capture, tcpPcap(relay.chunks, { client: 50_001, server: relay.port }));
    const decrypt = (keys: string) =>
      execFileSync('sh', [DECRYPT_EXAMPLE, capture, keys, String(relay.port)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

    // With the key log: the text frame each way (masked from the client), then the close each way with 1000.
    expect(decrypt(keyLog).trim().split('\n')).toEqual(['1 1 14 Hello over TLS ', '1 0 14 Hello over TLS ', '8 1 6  1000', '8 0 6  1000']);
    // Without it, TLS hides every frame.
    const noKeys = path.join(dir, 'empty.log');
    writeFileSync(noKeys, '');
    expect(decrypt(noKeys).trim()).toBe('');
  });
});
