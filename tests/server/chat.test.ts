// /ws/chat over real sockets: joining, broadcasting, leaving, refusals that keep the connection open, and a slow reader dropped.
import { once } from 'node:events';
import { connect as tcpConnect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startDemo } from './demo-harness.ts';
import { chatClient } from './chat-client.ts';
import { parseChatRequest } from '../../server/endpoints/chat.ts';
import { DEMO_ERRORS, demoError } from '../../server/demo-errors.ts';
import { MESSAGE_ID_PATTERN } from '../../src/lib/demo-messages.ts';
import { hostname } from 'node:os';

const limits = { chatMaxNicknameChars: 32, chatMaxMessageChars: 500 };

describe('/ws/chat room', () => {
  it('welcomes a member with the others, the limits, and tells the others', async () => {
    const { base } = await startDemo();
    const ada = await chatClient(base);
    expect(await ada.join('ada')).toEqual({
      type: 'welcome',
      nickname: 'ada',
      members: [],
      limits: { maxNicknameChars: 32, maxMessageChars: 500, messagesPerMinute: 60 },
      node: `${hostname()}:${base.split(':')[1]}`,
      broker: 'in-process',
      resumeToken: expect.stringMatching(/^[\w-]{24}$/),
    });
    const bob = await chatClient(base);
    expect((await bob.join('  bob ')).members).toEqual(['ada']);
    expect(await ada.next()).toEqual({ type: 'joined', nickname: 'bob' });
  });

  it('sends every message to every member, its author included, with markup left as text', async () => {
    const { base } = await startDemo();
    const ada = await chatClient(base);
    await ada.join('ada');
    const bob = await chatClient(base);
    await bob.join('bob');
    await ada.nextOf('joined');

    const text = '<img src=x onerror="alert(1)"> & hi';
    bob.send({ type: 'say', text });
    for (const member of [ada, bob]) {
      const message = await member.next();
      expect(message).toEqual({
        type: 'message',
        id: expect.stringMatching(MESSAGE_ID_PATTERN),
        from: 'bob',
        text,
        sentAt: expect.any(Number),
      });
    }
  });

  it('tells the others when a member leaves', async () => {
    const { base } = await startDemo();
    const ada = await chatClient(base);
    await ada.join('ada');
    const bob = await chatClient(base);
    await bob.join('bob');
    await ada.nextOf('joined');
    bob.ws.close(1000);
    expect(await ada.next()).toEqual({ type: 'left', nickname: 'bob', reason: 'left' });
    // The nickname is free again.
    const bob2 = await chatClient(base);
    expect((await bob2.join('bob')).members).toEqual(['ada']);
  });

  it('counts chat messages in /metrics under the endpoint', async () => {
    const { base } = await startDemo();
    const ada = await chatClient(base);
    await ada.join('ada');
    ada.send({ type: 'say', text: 'one' });
    await ada.nextOf('message');
    const text = await (await fetch(`http://${base}/metrics`)).text();
    expect(text).toContain('demo_messages_total{endpoint="/ws/chat",direction="in"} 2');
    expect(text).toContain('demo_messages_total{endpoint="/ws/chat",direction="out"} 2');
  });
});

describe('/ws/chat resume', () => {
  /** Joins `nickname`, says each text and waits for every echo; returns the welcome and the messages as sent back. */
  async function talk(base: string, nickname: string, texts: string[]) {
    const member = await chatClient(base);
    const welcome = await member.join(nickname);
    const said = [];
    for (const text of texts) {
      member.send({ type: 'say', text });
      said.push(await member.nextOf('message'));
    }
    return { member, welcome, said };
  }

  it('gives every message an id that increases, as a string, in the order the room sent them', async () => {
    const { base } = await startDemo();
    const { said } = await talk(base, 'ada', ['one', 'two', 'three', 'four']);
    const ids = said.map((message) => message.id);
    expect(ids.every((id) => MESSAGE_ID_PATTERN.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(4);
  });

  it('sends a member coming back every message after its last id, right after the welcome, in order and once', async () => {
    const { base } = await startDemo();
    const { member: ada, welcome } = await talk(base, 'ada', []);
    const { member: bob, said } = await talk(base, 'bob', ['one', 'two']);
    await ada.nextOf('joined');
    const seen = [await ada.nextOf('message'), await ada.nextOf('message')];
    expect(seen).toEqual(said);
    // Ada's link goes quiet (she stays in the room as far as it knows) while bob talks on.
    ada.ws.pause();
    for (const text of ['three', 'four']) {
      bob.send({ type: 'say', text });
      await bob.nextOf('message');
    }
    // She reconnects with her token and her last id: her nickname is hers at once, and the missed two come after the welcome.
    const again = await chatClient(base);
    const oldClosed = once(ada.ws, 'close');
    ada.ws.resume();
    again.send({ type: 'join', nickname: 'ada', after: seen[1]!.id, resumeToken: welcome.resumeToken });
    expect(await again.next()).toMatchObject({
      type: 'welcome',
      nickname: 'ada',
      members: ['bob'],
      resumeToken: welcome.resumeToken,
      resumed: { after: seen[1]!.id, replayed: 2, incomplete: false },
    });
    expect(await again.next()).toMatchObject({ type: 'message', from: 'bob', text: 'three' });
    expect(await again.next()).toMatchObject({ type: 'message', from: 'bob', text: 'four' });
    // The old connection is let go without the room hearing that ada left.
    expect((await oldClosed)[0]).toBe(1000);
    bob.send({ type: 'say', text: 'five' });
    expect(await again.next()).toMatchObject({ type: 'message', text: 'five' });
    expect(await bob.nextOf('message')).toMatchObject({ text: 'five' });
  });

  it('says in the welcome when messages after the id are older than the history kept', async () => {
    const { base } = await startDemo({ chatHistory: 3 });
    const { member: ada, said } = await talk(base, 'ada', ['1', '2', '3', '4', '5', '6']);
    ada.ws.close();
    const back = await chatClient(base);
    const welcome = await back.join('ada', { after: said[0]!.id });
    expect(welcome.resumed).toEqual({ after: said[0]!.id, replayed: 3, incomplete: true });
    expect([await back.next(), await back.next(), await back.next()].map((m) => m.type === 'message' && m.text)).toEqual(['4', '5', '6']);
    // From the last one kept, nothing is missing.
    const again = await chatClient(base);
    expect((await again.join('ada2', { after: said[2]!.id })).resumed).toEqual({ after: said[2]!.id, replayed: 3, incomplete: false });
    // An id from before this server started: it cannot know what came between, and says so.
    const old = await chatClient(base);
    expect((await old.join('ada3', { after: '0000000000001-000000' })).resumed).toMatchObject({ replayed: 6 - 3, incomplete: true });
  });

  it("refuses a malformed after or token, and a token that is not the holder's", async () => {
    const { base } = await startDemo();
    await talk(base, 'ada', []);
    const eve = await chatClient(base);
    eve.send({ type: 'join', nickname: 'eve', after: 42 });
    expect(await eve.next()).toEqual({
      type: 'refused',
      code: 'DEMO_ERR_CHAT_BAD_REQUEST',
      message: 'A join\'s "after" is the id of a message the room sent, like "1764590400000-000000", not 42.',
    });
    eve.send({ type: 'join', nickname: 'eve', resumeToken: 'no spaces' });
    expect(await eve.next()).toMatchObject({ code: 'DEMO_ERR_CHAT_BAD_REQUEST' });
    eve.send({ type: 'join', nickname: 'ada', resumeToken: 'guessed' });
    expect(await eve.next()).toMatchObject({ code: 'DEMO_ERR_CHAT_NICKNAME_TAKEN' });
  });
});

describe('/ws/chat refusals', () => {
  it('refuses bad input with a code and a sentence naming the rule, and the connection stays usable', async () => {
    const { base } = await startDemo({ chatMaxNicknameChars: 5, chatMaxMessageChars: 10 });
    const ada = await chatClient(base);
    const refusals: [request: object | string, code: string, message: string][] = [
      ['hello', 'DEMO_ERR_NOT_JSON', 'The chat reads JSON, like {"type":"say","text":"Hello"}, and "hello" is not JSON.'],
      [{ type: 'say', text: 'hi' }, 'DEMO_ERR_CHAT_NOT_JOINED', 'Join first, with {"type":"join","nickname":"…"}, then say something.'],
      [{ type: 'join' }, 'DEMO_ERR_CHAT_BAD_REQUEST', 'A join request needs a "nickname" string.'],
      [
        { type: 'join', nickname: 'adalovelace' },
        'DEMO_ERR_CHAT_NICKNAME_TOO_LONG',
        'A nickname may have at most 5 characters, and this one has 11.',
      ],
      [
        { type: 'join', nickname: 'a\nb' },
        'DEMO_ERR_CHAT_BAD_NICKNAME',
        'A nickname must have at least one visible character and no control characters.',
      ],
      // Invisible format characters: a zero-width space would make a second "ada", a right-to-left override reverses the line.
      [
        { type: 'join', nickname: 'ada\u200B' },
        'DEMO_ERR_CHAT_BAD_NICKNAME',
        'A nickname may not contain invisible format characters, such as bidi controls and zero-width spaces, and this one has U+200B.',
      ],
      [
        { type: 'join', nickname: '\u202Eada' },
        'DEMO_ERR_CHAT_BAD_NICKNAME',
        'A nickname may not contain invisible format characters, such as bidi controls and zero-width spaces, and this one has U+202E.',
      ],
      [{ type: 'shout' }, 'DEMO_ERR_CHAT_BAD_REQUEST', 'A chat request\'s "type" is "join" or "say", not "shout".'],
    ];
    for (const [request, code, message] of refusals) {
      ada.send(request);
      expect(await ada.next()).toEqual({ type: 'refused', code, message });
    }
    ada.ws.send(Buffer.from('010203', 'hex'));
    expect(await ada.next()).toMatchObject({ type: 'refused', code: 'DEMO_ERR_BINARY' });

    await ada.join('ada');
    const joinedTwice = { type: 'join', nickname: 'ada2' };
    ada.send(joinedTwice);
    expect(await ada.next()).toMatchObject({ code: 'DEMO_ERR_CHAT_ALREADY_JOINED' });
    ada.send({ type: 'say', text: '🙂'.repeat(11) });
    expect(await ada.next()).toEqual({
      type: 'refused',
      code: 'DEMO_ERR_CHAT_MESSAGE_TOO_LONG',
      message: 'A chat message may have at most 10 characters, and this one has 11.',
    });
    ada.send({ type: 'say', text: '   ' });
    expect(await ada.next()).toMatchObject({ code: 'DEMO_ERR_CHAT_EMPTY_MESSAGE' });
    // Still open, still in the room: an emoji is one character, so ten of them fit.
    ada.send({ type: 'say', text: '🙂'.repeat(10) });
    expect(await ada.next()).toMatchObject({ type: 'message', from: 'ada', text: '🙂'.repeat(10) });
    expect(ada.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('refuses a nickname someone in the room already has', async () => {
    const { base } = await startDemo();
    const ada = await chatClient(base);
    await ada.join('ada');
    const other = await chatClient(base);
    other.send({ type: 'join', nickname: 'ada' });
    expect(await other.next()).toEqual({
      type: 'refused',
      code: 'DEMO_ERR_CHAT_NICKNAME_TAKEN',
      message: 'Someone in the room is already called "ada".',
    });
  });

  it('refuses a member who says more than chatMessagesPerMinute, and one join past chatMaxMembers', async () => {
    const { base } = await startDemo({ chatMessagesPerMinute: 2, chatMaxMembers: 2 });
    const ada = await chatClient(base);
    await ada.join('ada');
    for (const text of ['one', 'two']) {
      ada.send({ type: 'say', text });
      expect(await ada.next()).toMatchObject({ type: 'message', text });
    }
    ada.send({ type: 'say', text: 'three' });
    expect(await ada.next()).toEqual({
      type: 'refused',
      code: 'DEMO_ERR_CHAT_RATE_LIMITED',
      message: expect.stringMatching(/^Each member may say 2 messages a minute; try again in (60|59) s\.$/),
    });
    // The limit is per member: bob may still talk.
    const bob = await chatClient(base);
    await bob.join('bob');
    bob.send({ type: 'say', text: 'hi' });
    expect(await bob.nextOf('message')).toMatchObject({ from: 'bob', text: 'hi' });

    const cy = await chatClient(base);
    cy.send({ type: 'join', nickname: 'cy' });
    expect(await cy.next()).toEqual({
      type: 'refused',
      code: 'DEMO_ERR_CHAT_ROOM_FULL',
      message: 'The room holds at most 2 members; try again later.',
    });
    expect(cy.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('parses requests without a server: trims nicknames, keeps message text as sent', () => {
    expect(parseChatRequest('{"type":"join","nickname":" ada "}', limits)).toEqual({ type: 'join', nickname: 'ada' });
    // A zero-width joiner inside an emoji is part of the picture, not a hidden character; alone it is refused.
    expect(parseChatRequest('{"type":"join","nickname":"ada 👩\u200D💻"}', limits)).toEqual({ type: 'join', nickname: 'ada 👩\u200D💻' });
    expect(parseChatRequest('{"type":"join","nickname":"ada\u200D"}', limits)).toMatchObject({ code: 'DEMO_ERR_CHAT_BAD_NICKNAME' });
    expect(parseChatRequest('{"type":"say","text":" <b>hi</b> "}', limits)).toEqual({ type: 'say', text: ' <b>hi</b> ' });
    expect(parseChatRequest('null', limits)).toMatchObject({ code: 'DEMO_ERR_CHAT_BAD_REQUEST' });
    expect(parseChatRequest('{"type":"say","text":5}', limits)).toMatchObject({ code: 'DEMO_ERR_CHAT_BAD_REQUEST' });
    expect(parseChatRequest('x'.repeat(100), limits)).toMatchObject({
      message: `The chat reads JSON, like {"type":"say","text":"Hello"}, and "${'x'.repeat(39)}… is not JSON.`,
    });
  });
});

/** A client that joins over raw TCP and then never reads again, so whatever the server sends piles up. */
async function neverReadingMember(base: string, nickname: string): Promise<Socket> {
  const [host, port] = base.split(':');
  const socket = tcpConnect(Number(port), host);
  await once(socket, 'connect');
  socket.write(
    'GET /ws/chat HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  let received = '';
  while (!received.includes('\r\n\r\n')) received += String(((await once(socket, 'data')) as [Buffer])[0]);
  // One masked text frame (mask 00000000 keeps it readable) carrying the join.
  const payload = Buffer.from(JSON.stringify({ type: 'join', nickname }));
  socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | payload.length, 0, 0, 0, 0]), payload]));
  socket.pause();
  return socket;
}

describe('/ws/chat and a member that never reads', () => {
  const maxBufferedBytes = 64 * 1024;
  const text = 'x'.repeat(16_000);

  /** Ada talks, waiting for each message to come back before the next, until the room says `slow` is gone. */
  async function talkUntilDropped(ada: Awaited<ReturnType<typeof chatClient>>, slowOnServer: WebSocket) {
    let largestQueue = 0;
    let sent = 0;
    for (;;) {
      largestQueue = Math.max(largestQueue, slowOnServer.bufferedAmount);
      ada.send({ type: 'say', text });
      sent++;
      const reply = await ada.next();
      if (reply.type === 'left') return { reply, sent, largestQueue };
      expect(reply.type).toBe('message');
    }
  }

  async function roomWithSlowMember(closeGraceMs: number) {
    const options = {
      maxBufferedBytes,
      closeGraceMs,
      chatMaxMessageChars: 16_000,
      chatMessagesPerMinute: 100_000,
      maxMessagesPerSecond: 100_000,
    };
    const { base, demo } = await startDemo(options);
    const ada = await chatClient(base);
    await ada.join('ada');
    const slow = await neverReadingMember(base, 'slow');
    expect(await ada.next()).toEqual({ type: 'joined', nickname: 'slow' });
    // The Set keeps connections in the order they opened: ada, then slow.
    const slowOnServer = [...demo.connections.keys()][1]!;
    return { demo, ada, slow, slowOnServer, closed: once(slowOnServer, 'close') };
  }

  it('drops the member once its send queue passes maxBufferedBytes, and cuts it when it never answers the Close', async () => {
    const { demo, ada, slow, slowOnServer, closed } = await roomWithSlowMember(100);
    const { reply, sent, largestQueue } = await talkUntilDropped(ada, slowOnServer);
    expect(reply).toEqual({ type: 'left', nickname: 'slow', reason: 'too-slow' });
    // The kernel's socket buffers took the first messages; ws's queue never grew past the limit plus one message.
    expect(sent).toBeGreaterThan(1);
    expect(largestQueue).toBeLessThanOrEqual(maxBufferedBytes + text.length + 64);
    expect(slowOnServer.readyState).toBe(WebSocket.CLOSING);
    // slow never reads the Close, so after closeGraceMs the server cuts the TCP connection: 1006, no Close came back.
    expect((await closed)[0]).toBe(1006);
    expect(demo.connections.size).toBe(1);

    // The room goes on for those who read.
    // (Ada's last long message, sent before the notice arrived, is still ahead of it.)
    ada.send({ type: 'say', text: 'still here' });
    let last = await ada.nextOf('message');
    if (last.text === text) last = await ada.nextOf('message');
    expect(last.text).toBe('still here');
    slow.destroy();
  });

  it('sends the dropped member a Close with 1013 and a DEMO_ERR_CHAT_TOO_SLOW reason, after what it had queued', async () => {
    const { ada, slow, slowOnServer, closed } = await roomWithSlowMember(4000);
    await talkUntilDropped(ada, slowOnServer);
    // slow reads at last: frame after frame of chat, then the Close (the server's frames are unmasked).
    let buffered = Buffer.alloc(0);
    let closeFrame: Buffer | undefined;
    slow.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        if (buffered.length < 2) return;
        const len7 = buffered[1]! & 0x7f;
        const headerLength = len7 === 126 ? 4 : 2;
        if (buffered.length < headerLength) return;
        const length = len7 === 126 ? buffered.readUInt16BE(2) : len7;
        if (buffered.length < headerLength + length) return;
        if ((buffered[0]! & 0x0f) === 0x8) closeFrame = buffered.subarray(headerLength, headerLength + length);
        buffered = buffered.subarray(headerLength + length);
        if (closeFrame) slow.emit('close-frame');
      }
    });
    slow.resume();
    await once(slow, 'close-frame');
    expect(closeFrame!.readUInt16BE(0)).toBe(1013);
    expect(String(closeFrame!.subarray(2))).toMatch(/^DEMO_ERR_CHAT_TOO_SLOW: More than 65536 bytes were waiting/);
    // Answering the Close completes the close handshake: the server sees 1013 come back.
    slow.write(Buffer.concat([Buffer.from([0x88, 0x82, 0, 0, 0, 0]), closeFrame!.subarray(0, 2)]));
    expect((await closed)[0]).toBe(1013);
    slow.destroy();
  });

  it('builds its close from one DEMO_ERR_ code with status 1013', () => {
    const error = demoError('DEMO_ERR_CHAT_TOO_SLOW', 'More than 1 bytes were waiting.');
    expect(DEMO_ERRORS.DEMO_ERR_CHAT_TOO_SLOW).toEqual({ status: 1013, when: 'connection' });
    expect([error.code, error.status, error.when, error.closeReason]).toEqual([
      'DEMO_ERR_CHAT_TOO_SLOW',
      1013,
      'connection',
      'DEMO_ERR_CHAT_TOO_SLOW: More than 1 bytes were waiting.',
    ]);
  });
});
