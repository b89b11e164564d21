// permessage-deflate in the protocol core: RSV1 under the extension, inflating for display against ws's own compressor, and the parameters explained.
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { annotateFrame } from '../../../src/lib/protocol/annotate-frame.ts';
import { decodeFrame } from '../../../src/lib/protocol/decode-frame.ts';
import { deflateAgreement, explainDeflateParameters } from '../../../src/lib/protocol/deflate-parameters.ts';
import { checkExtensions, type ExtensionOffer } from '../../../src/lib/protocol/handshake-headers.ts';
import { MessageInflater } from '../../../src/lib/protocol/inflate-message.ts';
import { wsFrame, wsServerCompressor } from './ws-oracle.ts';

const fromHex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function onlyExtension(value: string): ExtensionOffer {
  const parsed = checkExtensions(value);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.extensions[0]!;
}

describe('MessageInflater', () => {
  it('inflates what ws compresses, message after message, sharing the window (context takeover)', async () => {
    const compressor = wsServerCompressor(true);
    const inflater = new MessageInflater({ contextTakeover: true });
    const messages = ['Hello', 'Hello', 'Hello, Hello, Hello', '{"type":"chat","text":"Hello"}'];
    const compressed: Uint8Array[] = [];
    for (const message of messages) compressed.push(await compressor.compress(message));
    compressor.close();
    // The second "Hello" refers back to the first, so it is shorter: that is context takeover at work.
    expect(compressed[1]!.length).toBeLessThan(compressed[0]!.length);
    for (const [i, message] of messages.entries()) expect(text(await inflater.inflate(compressed[i]!))).toBe(message);
  });

  it('inflates the RFC 7692 §7.2.3.1 and §7.2.3.2 examples, which ws produces byte for byte', async () => {
    const compressor = wsServerCompressor(true);
    const first = await compressor.compress('Hello');
    const second = await compressor.compress('Hello');
    compressor.close();
    expect(Buffer.from(first).toString('hex')).toBe('f248cdc9c90700');
    expect(Buffer.from(second).toString('hex')).toBe('f200110000');
    const inflater = new MessageInflater({ contextTakeover: true });
    expect(text(await inflater.inflate(first))).toBe('Hello');
    expect(text(await inflater.inflate(second))).toBe('Hello');
  });

  it('inflates each message on its own under no_context_takeover, where ws resets its window', async () => {
    const compressor = wsServerCompressor(false);
    const first = await compressor.compress('Hello');
    const second = await compressor.compress('Hello');
    compressor.close();
    expect(second).toEqual(first);
    const inflater = new MessageInflater({ contextTakeover: false });
    expect(text(await inflater.inflate(second))).toBe('Hello');
  });

  it('cannot inflate a message that refers back to a window it was not given', async () => {
    const compressor = wsServerCompressor(true);
    await compressor.compress('Hello');
    const second = await compressor.compress('Hello');
    compressor.close();
    await expect(new MessageInflater({ contextTakeover: false }).inflate(second)).rejects.toThrow(TypeError);
  });

  it('stops a deflate bomb at maxMessageBytes instead of inflating it all', async () => {
    // 1 MiB of zeros deflates to about a kilobyte.
    const bomb = deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: 2 /* Z_SYNC_FLUSH */ }).subarray(0, -4);
    expect(bomb.length).toBeLessThan(2048);
    const inflater = new MessageInflater({ contextTakeover: false, maxMessageBytes: 64 * 1024 });
    await expect(inflater.inflate(new Uint8Array(bomb))).rejects.toThrow(/more than 65536 bytes/);
  });

  it('says so when the payload is not DEFLATE data', async () => {
    await expect(new MessageInflater({ contextTakeover: false }).inflate(fromHex('ff ff ff ff'))).rejects.toThrow(/not valid DEFLATE/);
  });
});

describe('decodeFrame and annotateFrame under permessage-deflate', () => {
  const maskingKey = fromHex('37 fa 21 3d');

  it('takes RSV1 on a first frame as "compressed" and leaves the DEFLATE bytes out of the UTF-8 check', async () => {
    const compressor = wsServerCompressor(true);
    const payload = await compressor.compress('Hello');
    compressor.close();
    const bytes = wsFrame(payload, { fin: true, rsv1: true, opcode: 1, maskingKey });
    const plain = decodeFrame(bytes, { sender: 'client' });
    expect(plain.violations.map((v) => v.id)).toContain('reserved-bit-set');
    const deflate = decodeFrame(bytes, { sender: 'client', permessageDeflate: true });
    expect(deflate.violations).toEqual([]);

    const inflated = await new MessageInflater({ contextTakeover: true }).inflate(payload);
    const annotation = annotateFrame(bytes, { sender: 'client', permessageDeflate: true, inflated });
    const rsv1 = annotation.segments[0]!.fields.find((f) => f.field === 'rsv1')!;
    expect(rsv1).toMatchObject({ label: 'RSV1 (Per-Message Compressed)', value: 'compressed', section: 'RFC 7692 §6' });
    const last = annotation.segments.at(-1)!;
    expect(last.title).toBe(`Bytes 6–${bytes.length - 1}: compressed payload`);
    expect(last.fields[0]).toMatchObject({ value: 'inflates to 5 bytes: "Hello"', section: 'RFC 7692 §7.2.1' });
    expect(last.fields[0]!.note).toContain('00 00 ff ff');
    // Every byte lands in exactly one segment.
    expect(annotation.segments.map((s) => [s.range.start, s.range.end])).toEqual([
      [0, 1],
      [1, 2],
      [2, 6],
      [6, bytes.length],
    ]);
  });

  it('fails RSV1 on a continuation frame and on a control frame (RFC 7692 §6.1), where ws fails them too', () => {
    const opened = decodeFrame(wsFrame(fromHex('f248'), { fin: false, rsv1: true, opcode: 1, maskingKey }), {
      sender: 'client',
      permessageDeflate: true,
    });
    expect(opened.status === 'complete' && opened.openMessage?.compressed).toBe(true);
    const openMessage = opened.status === 'complete' ? opened.openMessage : null;
    const continuation = wsFrame(fromHex('cdc9c90700'), { fin: true, rsv1: true, opcode: 0, maskingKey });
    expect(decodeFrame(continuation, { sender: 'client', permessageDeflate: true, openMessage }).violations.map((v) => v.id)).toEqual([
      'compressed-bit-misplaced',
    ]);
    const ping = wsFrame(new Uint8Array(), { fin: true, rsv1: true, opcode: 9, maskingKey });
    const annotation = annotateFrame(ping, { sender: 'client', permessageDeflate: true });
    expect(annotation.violations.map((v) => [v.id, v.section, v.closeCode])).toEqual([['compressed-bit-misplaced', 'RFC 7692 §6.1', 1002]]);
    expect(annotation.segments[0]!.fields.find((f) => f.field === 'rsv1')!.note).toContain('only on the first frame');
  });

  it('says a clear RSV1 means the message went uncompressed', () => {
    const annotation = annotateFrame(fromHex('81 05 48 65 6c 6c 6f'), { sender: 'server', permessageDeflate: true });
    expect(annotation.segments[0]!.fields.find((f) => f.field === 'rsv1')!.value).toBe('not compressed');
    expect(annotation.segments.at(-1)!.fields[0]!.value).toBe('"Hello"');
  });
});

describe('explainDeflateParameters', () => {
  it("explains a browser's offer and ws's answer", () => {
    const offer = explainDeflateParameters(onlyExtension('permessage-deflate; client_max_window_bits'), 'offer');
    expect(offer).toEqual([expect.objectContaining({ name: 'client_max_window_bits', value: null, section: 'RFC 7692 §7.1.2.2' })]);
    expect(offer[0]!.problem).toBeUndefined();
    expect(offer[0]!.meaning).toContain('can limit');

    const answer = onlyExtension('permessage-deflate; server_no_context_takeover; server_max_window_bits=12; client_max_window_bits=12');
    const notes = explainDeflateParameters(answer, 'answer');
    expect(notes.map((n) => n.section)).toEqual(['RFC 7692 §7.1.1.1', 'RFC 7692 §7.1.2.1', 'RFC 7692 §7.1.2.2']);
    expect(notes[1]!.meaning).toContain('4 KiB');
    expect(deflateAgreement(answer)).toEqual({
      serverContextTakeover: false,
      clientContextTakeover: true,
      serverMaxWindowBits: 12,
      clientMaxWindowBits: 12,
    });
  });

  it('names the rule a bad parameter breaks', () => {
    const notes = explainDeflateParameters(
      onlyExtension('permessage-deflate; server_max_window_bits=08; client_no_context_takeover=1; server_max_window_bits; x_mode=fast'),
      'offer',
    );
    expect(notes.map((n) => n.problem)).toEqual([
      expect.stringContaining('without leading zeros (RFC 7692 §7.1.2.1)'),
      expect.stringContaining('takes no value'),
      expect.stringContaining('needs a value from 8 to 15'),
      expect.stringContaining('defines no parameter "x_mode"'),
    ]);
  });

  it('reads an answer without parameters as context takeover both ways and 15-bit windows', () => {
    expect(deflateAgreement(onlyExtension('permessage-deflate'))).toEqual({
      serverContextTakeover: true,
      clientContextTakeover: true,
      serverMaxWindowBits: 15,
      clientMaxWindowBits: 15,
    });
  });
});
