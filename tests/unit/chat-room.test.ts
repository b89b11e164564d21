import { describe, expect, it } from 'vitest';
import {
  chatLine,
  describeChatClose,
  describeLimits,
  joinRequest,
  MAX_REJOIN_ATTEMPTS,
  parseChatMessage,
  rejoinDelayMs,
  shouldRejoin,
  sayRequest,
  shortTime,
} from '../../src/components/chat-room.ts';
import { characterCount } from '../../src/lib/demo-messages.ts';

describe('chat room requests', () => {
  it('sends join and say as the JSON the server reads, text untouched', () => {
    expect(joinRequest('ada')).toBe('{"type":"join","nickname":"ada"}');
    expect(joinRequest('ada', { resumeToken: 't0k', after: '1764590400000-000002' })).toBe(
      '{"type":"join","nickname":"ada","resumeToken":"t0k","after":"1764590400000-000002"}',
    );
    expect(sayRequest('<b>hi</b> "there"')).toBe('{"type":"say","text":"<b>hi</b> \\"there\\""}');
    // No length check in the browser: the server's limit decides, and its refusal explains.
    expect(JSON.parse(sayRequest('x'.repeat(10_000))).text).toHaveLength(10_000);
  });
});

describe('chat room messages', () => {
  it('parses only the server message types it knows', () => {
    expect(parseChatMessage('{"type":"joined","nickname":"bob"}')).toEqual({ type: 'joined', nickname: 'bob' });
    expect(parseChatMessage('{"type":"about-to-send"}')).toBeNull();
    expect(parseChatMessage('not json')).toBeNull();
    expect(parseChatMessage(new ArrayBuffer(2))).toBeNull();
  });

  it('words the welcome, joins and both kinds of leaving', () => {
    const limits = { maxNicknameChars: 32, maxMessageChars: 500, messagesPerMinute: 60 };
    const welcome = { type: 'welcome', limits, node: 'n1', broker: 'in-process', resumeToken: 't' } as const;
    expect(chatLine({ ...welcome, nickname: 'ada', members: [] })).toEqual({
      kind: 'notice',
      text: 'You joined as ada. Nobody else is here yet.',
    });
    expect(chatLine({ ...welcome, nickname: 'ada', members: ['bob', 'cy'] }).text).toBe('You joined as ada. Also here: bob, cy.');
    const resumed = { after: '1764590400000-000002', replayed: 3, incomplete: false };
    expect(chatLine({ ...welcome, nickname: 'ada', members: ['bob'], resumed }).text).toBe(
      'You are back as ada. 3 missed messages follow. Also here: bob.',
    );
    expect(chatLine({ ...welcome, nickname: 'ada', members: [], resumed: { ...resumed, replayed: 1, incomplete: true } }).text).toBe(
      'You are back as ada. 1 missed message follows. Some older ones are no longer kept, so those are lost to you. Nobody else is here yet.',
    );
    expect(chatLine({ type: 'left', nickname: 'bob', reason: 'timed-out' }).text).toBe(
      'bob left: the server node they were on stopped answering.',
    );
    expect(chatLine({ type: 'joined', nickname: 'bob' })).toEqual({ kind: 'notice', text: 'bob joined.' });
    expect(chatLine({ type: 'left', nickname: 'bob', reason: 'left' }).text).toBe('bob left.');
    expect(chatLine({ type: 'left', nickname: 'bob', reason: 'too-slow' }).text).toBe(
      'bob was dropped: their connection was not reading what the room sent.',
    );
    expect(describeLimits(limits)).toBe('The server allows nicknames of up to 32 characters, and messages of up to 500, 60 a minute.');
  });

  it('keeps a message as the text it is, markup included, and shows refusals with their code', () => {
    const text = '<img src=x onerror=alert(1)>';
    expect(chatLine({ type: 'message', id: '0000000000000-000000', from: 'bob', text, sentAt: 0 })).toEqual({
      kind: 'message',
      from: 'bob',
      text,
      sentAt: 0,
    });
    expect(
      chatLine({ type: 'refused', code: 'DEMO_ERR_CHAT_MESSAGE_TOO_LONG', message: 'A chat message may have at most 500 characters.' }),
    ).toEqual({
      kind: 'refusal',
      text: 'The server refused: A chat message may have at most 500 characters. (DEMO_ERR_CHAT_MESSAGE_TOO_LONG)',
    });
  });

  it('tells an unreachable server from a closed connection', () => {
    expect(describeChatClose({ code: 1006, reason: '' }, false)).toMatch(/^The demo server could not be reached/);
    expect(describeChatClose({ code: 1000, reason: 'bye' }, true)).toBe('You left the room (close code 1000: bye).');
    expect(describeChatClose({ code: 1006, reason: '' }, true)).toMatch(/without a close handshake/);
    expect(describeChatClose({ code: 1013, reason: 'DEMO_ERR_CHAT_TOO_SLOW: …' }, true)).toBe(
      'The server closed the connection with code 1013: DEMO_ERR_CHAT_TOO_SLOW: …. Press Join to come back.',
    );
  });

  it('rejoins by itself after a restart or a dropped link, with jittered, growing waits, a few times only', () => {
    for (const code of [1001, 1006, 1012, 1013]) expect(shouldRejoin(code, 0)).toBe(true);
    expect(shouldRejoin(1000, 0)).toBe(false);
    expect(shouldRejoin(1008, 0)).toBe(false);
    expect(shouldRejoin(1012, MAX_REJOIN_ATTEMPTS)).toBe(false);
    expect(rejoinDelayMs(0, 1)).toBe(250);
    expect(rejoinDelayMs(3, 0.5)).toBe(1000);
    expect(rejoinDelayMs(10, 1)).toBe(8000);
    expect(rejoinDelayMs(2, 0)).toBe(0);
  });

  it('counts characters as code points and writes times as HH:MM', () => {
    expect(characterCount('🙂🙂a')).toBe(3);
    expect(shortTime(new Date(2025, 0, 1, 9, 5).getTime())).toBe('09:05');
  });
});
