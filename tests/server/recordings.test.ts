// The byte dumps in the chapters come from a recording; it must still match what the demo server does.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RECORDING_PATH, recordSession, type Recording } from '../../scripts/record-session.ts';
import { annotateFrame } from '../../src/lib/protocol/annotate-frame.ts';
import { computeAccept } from '../../src/lib/protocol/handshake.ts';
import { HTTP2_RECORDING_PATH, recordHttp2Session, type Http2Recording } from '../../scripts/record-http2-session.ts';
import { annotatePreface, Http2Reader } from '../../src/lib/http2/annotate-http2-frame.ts';

const committed = JSON.parse(readFileSync(RECORDING_PATH, 'utf8')) as Recording;

describe('the recorded echo session', () => {
  it('is what the script records today (run `npm run record` after changing the server)', async () => {
    expect(await recordSession()).toEqual(committed);
  });

  it('starts its first client frame with the RFC 6455 §5.7 masked "Hello"', () => {
    expect(committed.frames[0]).toEqual({ name: 'text-hello', sender: 'client', hex: '818537fa213d7f9f4d5158' });
  });

  it('holds a server accept value that matches its key', async () => {
    const key = /Sec-WebSocket-Key: (\S+)/.exec(committed.request)![1]!;
    expect(committed.response).toContain(`Sec-WebSocket-Accept: ${await computeAccept(key)}\r\n`);
  });

  it.each(committed.frames.map((frame) => [frame.name, frame] as const))('explains every byte of %s, which breaks no rule', (_, frame) => {
    const bytes = Uint8Array.from(Buffer.from(frame.hex, 'hex'));
    const annotation = annotateFrame(bytes, { sender: frame.sender });
    expect(annotation.violations).toEqual([]);
    const covered = annotation.segments.flatMap((s) => Array.from({ length: s.range.end - s.range.start }, (_, i) => s.range.start + i));
    expect(covered).toEqual(Array.from({ length: bytes.length }, (_, i) => i));
  });
});

const committedHttp2 = JSON.parse(readFileSync(HTTP2_RECORDING_PATH, 'utf8')) as Http2Recording;

/**
 * Every frame's bytes, and each header block decoded. The server's 200 carries a Date, which differs from run to run
 * (RFC 9110 §6.6.1), and its HPACK bytes with it: that one field is compared as "a date", every other byte exactly.
 */
function comparable(recording: Http2Recording) {
  const readers = { client: new Http2Reader(), server: new Http2Reader() };
  return recording.steps.map((step) => ({
    ...step,
    frames: step.frames.map(({ sender, hex }, index) => {
      if (step.name === 'settings' && index === 0) return { sender, hex };
      const annotation = readers[sender].annotate(Uint8Array.from(Buffer.from(hex, 'hex')));
      if (!annotation.headers?.some(([name]) => name === 'date')) return { sender, hex };
      return { sender, headers: annotation.headers.map(([name, value]) => [name, name === 'date' ? 'a date' : value]) };
    }),
  }));
}

describe('the recorded RFC 8441 session', () => {
  it('is what the script records today, but for the Date (run `npm run record:http2` after changing the server)', async () => {
    expect(comparable(await recordHttp2Session())).toEqual(comparable(committedHttp2));
  });

  it('decodes to an extended CONNECT with :protocol websocket, answered 200, and explains every byte once', () => {
    const readers = { client: new Http2Reader(), server: new Http2Reader() };
    for (const step of committedHttp2.steps) {
      for (const [index, { sender, hex }] of step.frames.entries()) {
        const frame = Uint8Array.from(Buffer.from(hex, 'hex'));
        const segments = step.name === 'settings' && index === 0 ? [annotatePreface(frame)] : readers[sender].annotate(frame).segments;
        const covered = segments.flatMap((s) => Array.from({ length: s.range.end - s.range.start }, (_, i) => s.range.start + i));
        expect(covered).toEqual(Array.from({ length: frame.length }, (_, i) => i));
      }
    }
    const [request, response] = committedHttp2.steps
      .find((s) => s.name === 'connect')!
      .frames.map(({ sender, hex }) => {
        return { sender, decoded: new Http2Reader().annotate(Uint8Array.from(Buffer.from(hex, 'hex'))).headers! };
      });
    expect(request!.decoded.slice(0, 5)).toEqual([
      [':method', 'CONNECT'],
      [':protocol', 'websocket'],
      [':scheme', 'http'],
      [':path', '/ws/echo'],
      [':authority', 'localhost:4321'],
    ]);
    expect(response!.decoded[0]).toEqual([':status', '200']);
    expect(response!.decoded.map(([name]) => name)).not.toContain('sec-websocket-accept');
  });

  it('carries the same masked "Hello" in a DATA frame as the HTTP/1.1 recording sends on TCP', () => {
    const data = new Http2Reader().annotate(
      Uint8Array.from(Buffer.from(committedHttp2.steps.find((s) => s.name === 'text-hello')!.frames[0]!.hex, 'hex')),
    );
    expect(data.typeName).toBe('DATA');
    expect(Buffer.from(data.data!).toString('hex')).toBe(committed.frames[0]!.hex);
  });
});
