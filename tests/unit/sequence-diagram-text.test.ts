// The sequence diagrams say the same thing in both languages, and their SVG description reads each step out.
import { describe, expect, it } from 'vitest';
import { describeSequence, SEQUENCES } from '../../src/components/sequence-diagram-text.ts';

describe('the sequence diagrams', () => {
  it.each(Object.entries(SEQUENCES))('%s has the same steps, from the same party, in both languages', (_name, sequence) => {
    const english = sequence.en.steps;
    const chinese = sequence['zh-CN'].steps;
    expect(chinese.map((step) => step.from)).toEqual(english.map((step) => step.from));
    // Every RFC section the English cites, the Chinese cites too.
    const sections = (steps: readonly { detail?: string }[]) => steps.map((step) => step.detail?.match(/§[\d.]+/g));
    expect(sections(chinese)).toEqual(sections(english));
    expect(sequence['zh-CN'].caption).toMatch(/[\u4e00-\u9fff]/);
  });

  it('reads the opening handshake out in English', () => {
    expect(describeSequence(SEQUENCES['opening-handshake'].en, 'en')).toBe(
      '1. Client to server: GET /ws/echo  Upgrade: websocket (with Sec-WebSocket-Key (§4.1)). ' +
        '2. Server to client: 101 Switching Protocols (with Sec-WebSocket-Accept (§4.2.2)). ' +
        '3. Client to server: masked frames (every client frame is masked (§5.1)). ' +
        '4. Server to client: unmasked frames (no server frame is masked (§5.1)).',
    );
  });

  it('reads the closing handshake out in Chinese, with the frames on the wire as they are', () => {
    expect(describeSequence(SEQUENCES['closing-handshake']['zh-CN'], 'zh-CN')).toBe(
      '1. 客户端发往服务器：Close 1000 "done"（发起关闭握手（§7.1.2））。' +
        '2. 服务器发往客户端：Close 1000 "done"（必须回一个 Close，通常带回同一个关闭码（§5.5.1））。' +
        '3. 服务器发往客户端：TCP FIN（服务器先关闭 TCP 连接（§7.1.1））。',
    );
  });
});
