// A ws client for /ws/chat tests: queues the room's JSON messages for next(), and joins with or without resuming.
import { once } from 'node:events';
import WebSocket from 'ws';
import type { ChatMessage } from '../../src/lib/demo-messages.ts';

export type ChatClient = Awaited<ReturnType<typeof chatClient>>;

/** A ws client that queues the chat's JSON messages for `next()`. */
export async function chatClient(base: string) {
  const ws = new WebSocket(`ws://${base}/ws/chat`);
  ws.on('error', () => {});
  const inbox: ChatMessage[] = [];
  ws.on('message', (data) => {
    inbox.push(JSON.parse(String(data)) as ChatMessage);
    ws.emit('inbox');
  });
  await once(ws, 'open');
  const client = {
    ws,
    send: (request: object | string) => ws.send(typeof request === 'string' ? request : JSON.stringify(request)),
    async next(): Promise<ChatMessage> {
      while (inbox.length === 0) await once(ws, 'inbox');
      return inbox.shift()!;
    },
    /** Skips messages until one of `type` arrives. */
    async nextOf<T extends ChatMessage['type']>(type: T): Promise<Extract<ChatMessage, { type: T }>> {
      for (;;) {
        const message = await client.next();
        if (message.type === type) return message as Extract<ChatMessage, { type: T }>;
      }
    },
    async join(nickname: string, resume: { after?: string; resumeToken?: string } = {}) {
      client.send({ type: 'join', nickname, ...resume });
      return client.nextOf('welcome');
    },
  };
  return client;
}
