import { describe, expect, it } from 'vitest';
import {
  chatLine,
  describeChatClose,
  describeLimits,
  describeRejoin,
  joinRequest,
  MAX_REJOIN_ATTEMPTS,
  parseChatMessage,
  rejoinDelayMs,
  shouldRejoin,
  sayRequest,
  shortTime,
} from '../../src/components/chat-room.ts';
import { characterCount } from '../../src/lib/demo-messages.ts';
import { CHAT_ROOM_TEXT } from '../../src/components/chat-room-text.ts';

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

describe('chat room words in Chinese', () => {
  const limits = { maxNicknameChars: 32, maxMessageChars: 500, messagesPerMinute: 60 };
  const welcome = { type: 'welcome', limits, node: 'n1', broker: 'in-process', resumeToken: 't' } as const;

  it('words the welcome, joins, leaving and the limits', () => {
    expect(chatLine({ ...welcome, nickname: 'ada', members: [] }, 'zh-CN').text).toBe('你以 ada 的身份加入了。这里还没有别人。');
    expect(chatLine({ ...welcome, nickname: 'ada', members: ['bob', 'cy'] }, 'zh-CN').text).toBe(
      '你以 ada 的身份加入了。在场的还有：bob、cy。',
    );
    const resumed = { after: '1764590400000-000002', replayed: 1200, incomplete: true };
    expect(chatLine({ ...welcome, nickname: 'ada', members: [], resumed }, 'zh-CN').text).toBe(
      '你以 ada 的身份回来了。下面是你错过的 1,200 条消息。更早的一些消息已经不再保留，你看不到了。这里还没有别人。',
    );
    expect(chatLine({ type: 'joined', nickname: 'bob' }, 'zh-CN').text).toBe('bob 加入了。');
    expect(chatLine({ type: 'left', nickname: 'bob', reason: 'too-slow' }, 'zh-CN').text).toBe(
      'bob 被断开了：他的连接没有读取聊天室发来的消息。',
    );
    expect(describeLimits(limits, 'zh-CN')).toBe('服务器允许的昵称最长 32 个字符，消息最长 500 个字符，每分钟最多 60 条。');
  });

  it("shows a refusal as the code's Chinese sentence, keeping the code and the server's words", () => {
    const refusal = chatLine(
      { type: 'refused', code: 'DEMO_ERR_CHAT_NICKNAME_TAKEN', message: 'Someone in the room already has the nickname "ada".' },
      'zh-CN',
    );
    expect(refusal).toEqual({
      kind: 'refusal',
      text: '服务器拒绝了（DEMO_ERR_CHAT_NICKNAME_TAKEN）：聊天室里已经有人用了这个昵称。（服务器原文：Someone in the room already has the nickname "ada".）',
    });
  });

  it('words closes, DEMO_ERR_… reasons and rejoins', () => {
    expect(describeChatClose({ code: 1006, reason: '' }, false, 'zh-CN')).toMatch(/^无法连接到演示服务器/);
    expect(describeChatClose({ code: 1000, reason: '读者按下了离开' }, true, 'zh-CN')).toBe(
      '你离开了聊天室（关闭码 1000：读者按下了离开）。',
    );
    expect(describeChatClose({ code: 1000, reason: 'You rejoined the room on another connection.' }, true, 'zh-CN')).toBe(
      '你离开了聊天室（关闭码 1000：你在另一个连接上重新加入了聊天室）。',
    );
    expect(describeChatClose({ code: 1006, reason: '' }, true, 'zh-CN')).toBe(
      '连接没有经过关闭握手就断开了（关闭码 1006）。按“加入”即可回来。',
    );
    expect(describeChatClose({ code: 1013, reason: 'DEMO_ERR_CHAT_TOO_SLOW: too slow' }, true, 'zh-CN')).toMatch(
      /^服务器以关闭码 1013 关闭了连接：这个连接读得太慢.*（服务器原文：too slow）。按“加入”即可回来。$/,
    );
    expect(describeRejoin({ code: 1001, reason: 'Server shutting down' }, 1250, 'zh-CN')).toBe(
      '连接以关闭码 1001 关闭了：服务器正在关闭。1.3 秒后重新加入…',
    );
    expect(describeRejoin({ code: 1001, reason: 'Server shutting down' }, 1250)).toBe(
      'The connection closed with code 1001: Server shutting down. Rejoining in 1.3 s…',
    );
  });

  it('writes times as HH:MM on a 24-hour clock in both languages', () => {
    const evening = new Date(2025, 0, 1, 21, 5).getTime();
    expect(shortTime(evening)).toBe('21:05');
    expect(shortTime(evening, 'zh-CN')).toBe('21:05');
  });
});

describe('Stop this node, in both languages', () => {
  it("keeps the server's English on the English page and words the answer in Chinese on the Chinese page", () => {
    const answer = 'node-2 is stopping: it closes every WebSocket with 1001 (Going Away), and the cluster goes on without it.';
    expect(CHAT_ROOM_TEXT.en.stop.stopping('node-2', answer)).toBe(answer);
    expect(CHAT_ROOM_TEXT['zh-CN'].stop.stopping('node-2', answer)).toBe(
      'node-2 正在停止：它以 1001（Going Away）关闭每一个 WebSocket 连接，集群没有它也照常运行。',
    );
    const refusal = 'DEMO_ERR_STOP_NODE_NOT_LOOPBACK: Only a reader on this machine may stop a node.';
    expect(CHAT_ROOM_TEXT.en.stop.refused('node-2', 403, refusal)).toBe(`node-2 did not stop (HTTP 403): ${refusal}`);
    expect(CHAT_ROOM_TEXT['zh-CN'].stop.refused('node-2', 403, refusal)).toBe(
      'node-2 没有停止（HTTP 403）：只有本机回环地址上的读者才能停止节点。（服务器原文：Only a reader on this machine may stop a node.）',
    );
    expect(CHAT_ROOM_TEXT['zh-CN'].stop.asking('node-2')).toBe('正在请求 node-2 停止…');
  });
});
