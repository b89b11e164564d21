// The byte dumps in the chapters come from a recording; it must still match what the demo server does.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RECORDING_PATH, recordSession, type Recording } from '../../scripts/record-session.ts';
import { annotateFrame } from '../../src/lib/protocol/annotate-frame.ts';
import { computeAccept } from '../../src/lib/protocol/handshake.ts';

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
