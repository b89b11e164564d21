// Writes the recorded echo session (src/data/recordings/echo-session.json) as a pcap file that Wireshark and tshark open: one TCP connection on loopback, one segment per handshake message and per frame.
// Run with `npm run pcap`; tests/server/tshark.test.ts fails when the committed capture is out of date, and has tshark dissect it.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Recording } from './record-session.ts';

export const RECORDING_FILE = 'src/data/recordings/echo-session.json';
export const CAPTURE_FILE = 'public/captures/echo-session.pcap';

/** The recording's two ends: the demo server on localhost:4321, as its Host header has it, and a client on an ephemeral port. */
export const SESSION_PORTS: TcpPorts = { client: 50_000, server: 4321 };

/** A fixed clock, so the file only changes when the bytes do: 1 Dec 2026 00:00 UTC, one millisecond per packet. */
const START_SECONDS = Date.UTC(2026, 11, 1) / 1000;

/** Bytes one side wrote, in the order they crossed the connection. */
export interface StreamChunk {
  from: 'client' | 'server';
  bytes: Uint8Array;
}

export interface TcpPorts {
  client: number;
  server: number;
}

interface Segment extends StreamChunk {
  flags: number;
}

const SYN = 0x02;
const ACK = 0x10;
const PSH = 0x08;
const FIN = 0x01;

/** The recorded session as the chunks each side wrote: the HTTP upgrade, then each frame as it was sent. */
export function sessionChunks(recording: Recording): StreamChunk[] {
  const text = new TextEncoder();
  return [
    { from: 'client', bytes: text.encode(recording.request) },
    { from: 'server', bytes: text.encode(recording.response) },
    ...recording.frames.map((frame) => ({ from: frame.sender, bytes: Uint8Array.from(Buffer.from(frame.hex, 'hex')) })),
  ];
}

/**
 * A classic pcap file (microsecond timestamps, Ethernet link type) of one TCP connection on 127.0.0.1 carrying
 * `chunks`, one segment each, between the three-way handshake and both FINs.
 */
export function tcpPcap(chunks: StreamChunk[], ports: TcpPorts): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0); // magic: microsecond timestamps, little-endian
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65_535, 16); // snapshot length
  header.writeUInt32LE(1, 20); // LINKTYPE_ETHERNET
  const empty = new Uint8Array();
  const segments: Segment[] = [
    { from: 'client', flags: SYN, bytes: empty },
    { from: 'server', flags: SYN | ACK, bytes: empty },
    { from: 'client', flags: ACK, bytes: empty },
    ...chunks.map((chunk) => ({ ...chunk, flags: PSH | ACK })),
    { from: 'server', flags: FIN | ACK, bytes: empty },
    { from: 'client', flags: FIN | ACK, bytes: empty },
  ];
  const records: Buffer[] = [header];
  // Each side's next sequence number; a SYN and a FIN each take one.
  const next = { client: 1_000, server: 5_000 };
  segments.forEach((segment, index) => {
    const to = segment.from === 'client' ? 'server' : 'client';
    const ack = segment.flags === SYN ? 0 : next[to];
    const packet = ethernetFrame(segment, ports, next[segment.from], ack);
    next[segment.from] += segment.bytes.length + (segment.flags & (SYN | FIN) ? 1 : 0);
    const record = Buffer.alloc(16);
    record.writeUInt32LE(START_SECONDS + Math.floor(index / 1000), 0);
    record.writeUInt32LE((index % 1000) * 1000, 4);
    record.writeUInt32LE(packet.length, 8);
    record.writeUInt32LE(packet.length, 12);
    records.push(record, packet);
  });
  return Buffer.concat(records);
}

/** The recorded echo session as a pcap file. */
export function sessionPcap(recording: Recording): Buffer {
  return tcpPcap(sessionChunks(recording), SESSION_PORTS);
}

/** Where a chunk's first byte sits in its packet: after the Ethernet, IPv4 and TCP headers. */
export const PAYLOAD_OFFSET = 14 + 20 + 20;

/** The packet number (from 1, as tshark counts) of chunk `index`: after the three-way handshake. */
export const packetNumberOfChunk = (index: number) => index + 4;

function ethernetFrame(segment: Segment, ports: TcpPorts, seq: number, ack: number): Buffer {
  const loopback = [127, 0, 0, 1];
  const client = { address: loopback, port: ports.client };
  const server = { address: loopback, port: ports.server };
  const [source, destination] = segment.from === 'client' ? [client, server] : [server, client];
  const tcp = Buffer.alloc(20 + segment.bytes.length);
  tcp.writeUInt16BE(source.port, 0);
  tcp.writeUInt16BE(destination.port, 2);
  tcp.writeUInt32BE(seq, 4);
  tcp.writeUInt32BE(ack, 8);
  tcp[12] = 5 << 4; // data offset: five 32-bit words, no options
  tcp[13] = segment.flags | (segment.flags === SYN ? 0 : ACK);
  tcp.writeUInt16BE(65_535, 14); // window
  tcp.set(segment.bytes, 20);
  const pseudoHeader = Buffer.alloc(12);
  pseudoHeader.set(source.address, 0);
  pseudoHeader.set(destination.address, 4);
  pseudoHeader[9] = 6; // TCP
  pseudoHeader.writeUInt16BE(tcp.length, 10);
  tcp.writeUInt16BE(internetChecksum(Buffer.concat([pseudoHeader, tcp])), 16);

  const ip = Buffer.alloc(20);
  ip[0] = 0x45; // IPv4, five-word header
  ip.writeUInt16BE(20 + tcp.length, 2);
  ip[6] = 0x40; // don't fragment
  ip[8] = 64; // TTL
  ip[9] = 6; // TCP
  ip.set(source.address, 12);
  ip.set(destination.address, 16);
  ip.writeUInt16BE(internetChecksum(ip), 10);

  // Loopback has no MAC addresses; zeros, with the IPv4 EtherType.
  const ethernet = Buffer.alloc(14);
  ethernet.writeUInt16BE(0x0800, 12);
  return Buffer.concat([ethernet, ip, tcp]);
}

/** The ones' complement sum of 16-bit words that IPv4 and TCP use (RFC 1071). */
function internetChecksum(bytes: Buffer): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

if (import.meta.main) {
  const recording = JSON.parse(readFileSync(RECORDING_FILE, 'utf8')) as Recording;
  writeFileSync(CAPTURE_FILE, sessionPcap(recording));
  console.log(`Wrote ${CAPTURE_FILE}: the recorded echo session as TCP segments on 127.0.0.1 port ${SESSION_PORTS.server}.`);
}
