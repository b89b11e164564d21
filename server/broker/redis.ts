// The broker for many nodes (REDIS_URL): history and fan-out in Redis Streams, presence in keys that expire unless renewed.
import { newRedisClient, type RedisClient } from './redis-client.ts';
import type { Logger } from 'pino';
import { formatMessageId, type ChatText } from '../../src/lib/demo-messages.ts';
import type { ChatBroker, ChatHistory, ClaimResult, PresenceClaim, RoomEvent, UnorderedChatText } from './broker.ts';

export interface RedisBrokerOptions {
  /** redis://host:port, as in REDIS_URL. */
  url: string;
  /** Messages the history stream keeps (DEMO_CHAT_HISTORY). */
  historyLength: number;
  /** How long a member's place lasts unless its node renews it (DEMO_CHAT_PRESENCE_TTL_MS); renewed every third of it. */
  presenceTtlMs: number;
  log: Logger;
}

/**
 * Every key shares the hash tag {chat}, so on a Redis Cluster they all live in one slot and the scripts below,
 * which touch several keys, still run in one place.
 */
const PREFIX = 'demo:{chat}:';
const KEYS = {
  history: `${PREFIX}history`,
  notices: `${PREFIX}notices`,
  members: `${PREFIX}members`,
  since: `${PREFIX}since`,
  trimmed: `${PREFIX}trimmed`,
  member: (nickname: string) => `${PREFIX}member:${nickname}`,
};
/** How long the room's history outlives its last message: a day, so an abandoned room does not stay in Redis for ever. */
const HISTORY_TTL_MS = 24 * 60 * 60 * 1000;
/** Notices (joined, left) are only for members online now: a short stream, kept a minute. */
const NOTICES_KEPT = 1000;
const NOTICES_TTL_MS = 60_000;
/** How long one XREAD waits before it asks again; bounds how long close() waits for the reader. */
const READ_BLOCK_MS = 2000;
/** Messages one XREAD takes at most. */
const READ_BATCH = 100;
/**
 * Messages the stream keeps beyond the history, for fan-out. A node's reader takes READ_BATCH messages per XREAD, so
 * in a burst it falls behind the newest; were the stream trimmed to the history alone, a reader more than
 * DEMO_CHAT_HISTORY behind would find its next messages trimmed away and skip them. Ten batches of room.
 */
const READ_LAG_KEPT = 10 * READ_BATCH;

// #region redis-publish
/**
 * Appends one message to the history stream and trims it to ARGV[1] entries (the history and READ_LAG_KEPT more),
 * noting the newest id it trims (a resume from before it has lost messages) and the first id since the stream was
 * created (a resume from before that cannot know what it missed). Atomic, so two nodes' messages get ids in the one
 * order every node reads.
 */
const PUBLISH_SCRIPT = `
local max = tonumber(ARGV[1])
local length = redis.call('XLEN', KEYS[1])
if length >= max then
  local trimmed = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', length - max + 1)
  redis.call('SET', KEYS[3], trimmed[#trimmed][1], 'PX', ARGV[3])
end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', max, '*', 'm', ARGV[2])
redis.call('SET', KEYS[2], id, 'NX', 'PX', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call('PEXPIRE', KEYS[3], ARGV[3])
return id`;
// #endregion redis-publish

/** The newest ARGV[2] messages after ARGV[1], oldest first, and whether there were more (then the oldest are cut). */
const HISTORY_SCRIPT = `
local max = tonumber(ARGV[2])
local newest = redis.call('XREVRANGE', KEYS[1], '+', '(' .. ARGV[1], 'COUNT', max + 1)
local cut = 0
if #newest > max then
  table.remove(newest)
  cut = 1
end
local entries = {}
for i = #newest, 1, -1 do entries[#entries + 1] = newest[i] end
return { entries, redis.call('GET', KEYS[2]) or '', redis.call('GET', KEYS[3]) or '', cut }`;

/** Lua shared by the presence scripts: forgets members whose key has expired and returns their nicknames. */
const PRUNE = `
local function prune(members, prefix)
  local gone = {}
  for _, name in ipairs(redis.call('ZRANGE', members, 0, -1)) do
    if redis.call('EXISTS', prefix .. name) == 0 then
      redis.call('ZREM', members, name)
      gone[#gone + 1] = name
    end
  end
  return gone
end`;

// #region redis-presence
/**
 * A place in the room is a key per nickname holding "<token> <connection>", expiring after ARGV[5] ms unless its
 * node renews it, and the nickname in a sorted set scored by join time (the members' order). The same token takes
 * the place over; another is refused.
 */
const CLAIM_SCRIPT = `${PRUNE}
local gone = prune(KEYS[1], ARGV[7])
local holder = redis.call('GET', KEYS[2])
if holder then
  if string.sub(holder, 1, #ARGV[2] + 1) == ARGV[2] .. ' ' then
    redis.call('SET', KEYS[2], ARGV[2] .. ' ' .. ARGV[3], 'PX', ARGV[5])
    return { 'resumed', gone }
  end
  return { 'taken', gone }
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return { 'full', gone } end
redis.call('SET', KEYS[2], ARGV[2] .. ' ' .. ARGV[3], 'PX', ARGV[5])
redis.call('ZADD', KEYS[1], ARGV[6], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[5] * 2)
return { 'joined', gone }`;

/** Each node runs this every third of the TTL for its own members: renews them (re-adding any a restarted Redis lost). */
const HEARTBEAT_SCRIPT = `${PRUNE}
local ttl = ARGV[1]
for i = 4, #ARGV, 2 do
  local key = ARGV[2] .. ARGV[i]
  local holder = redis.call('GET', key)
  if not holder then
    redis.call('SET', key, ARGV[i + 1], 'PX', ttl)
    redis.call('ZADD', KEYS[1], 'NX', ARGV[3], ARGV[i])
  elseif holder == ARGV[i + 1] then
    redis.call('PEXPIRE', key, ttl)
  end
end
local gone = prune(KEYS[1], ARGV[2])
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ttl * 2) end
return gone`;
// #endregion redis-presence

/** Gives the place back only if this connection still holds it (the value ends with " <connection>"). */
const RELEASE_SCRIPT = `
local holder = redis.call('GET', KEYS[1])
if holder and string.sub(holder, -(#ARGV[2] + 1)) == ' ' .. ARGV[2] then
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
  return 1
end
return 0`;

const MEMBERS_SCRIPT = `${PRUNE}
return { prune(KEYS[1], ARGV[1]), redis.call('ZRANGE', KEYS[1], 0, -1) }`;

type StreamEntry = [id: string, fields: string[]];
type XReadReply = [key: string, entries: StreamEntry[]][] | null;

/** A stream id ("1764590400000-3") as the room's id: zero-padded, so that string order is stream order. */
export function messageIdOf(streamId: string): string {
  const [ms, sequence] = streamId.split('-');
  return formatMessageId(Number(ms), Number(sequence));
}

/** The room's id back as a stream id, for XRANGE. */
function streamIdOf(messageId: string): string {
  const [ms, sequence] = messageId.split('-');
  return `${Number(ms)}-${Number(sequence)}`;
}

export function createRedisBroker(options: RedisBrokerOptions): ChatBroker {
  const { historyLength, presenceTtlMs, log } = options;
  let commands: RedisClient | undefined;
  let reader: RedisClient | undefined;
  const where = redactedUrl(options.url);
  let listener: (event: RoomEvent) => void = () => {};
  let closed = false;
  let wasReady = false;
  /** True once the reader has its cursors and while its XREADs succeed: until then this node would miss messages. */
  let readerLive = false;
  /** Nickname → "<token> <connection>" for this node's members, renewed by the heartbeat. */
  const local = new Map<string, string>();

  const started = newRedisClient(options.url).then((client) => {
    if (closed) return;
    commands = client;
    // XREAD BLOCK holds its connection, so the reader has one of its own.
    reader = commands.duplicate();
    commands.on('error', (error: Error) => {
      if (wasReady)
        log.warn({ event: 'redis-unreachable', url: where, error: error.message }, 'Redis is unreachable; the chat waits for it.');
      wasReady = false;
    });
    commands.on('ready', () => {
      wasReady = true;
      log.info({ event: 'redis-ready', url: where }, 'Connected to Redis.');
      void heartbeat();
    });
    reader.on('error', () => {});
    void commands.connect().catch(() => {});
    void reader.connect().catch(() => {});
  });

  /** The command connection, or an error a caller turns into DEMO_ERR_CHAT_UNAVAILABLE. */
  function connected(): RedisClient {
    if (!commands?.isReady) throw new Error(`Redis at ${where} is unreachable.`);
    return commands;
  }

  const heartbeatTimer = setInterval(() => void heartbeat(), Math.max(1, Math.floor(presenceTtlMs / 3)));
  heartbeatTimer.unref();
  const reading = readLoop();
  reading.catch(() => {});

  function evalScript<T>(script: string, keys: string[], args: (string | number)[]): Promise<T> {
    return connected().sendCommand<T>(['EVAL', script, String(keys.length), ...keys, ...args.map(String)]);
  }

  async function announceGone(names: string[]): Promise<void> {
    for (const nickname of names) await addNotice({ type: 'left', nickname, reason: 'timed-out' });
  }

  async function heartbeat(): Promise<void> {
    if (!commands?.isReady) return;
    const pairs = [...local].flat();
    try {
      const gone = await evalScript<string[]>(HEARTBEAT_SCRIPT, [KEYS.members], [presenceTtlMs, KEYS.member(''), Date.now(), ...pairs]);
      await announceGone(gone);
    } catch {
      // Redis went away between the check and the call; the next beat tries again.
    }
  }

  async function addNotice(notice: object): Promise<void> {
    await connected().sendCommand(['XADD', KEYS.notices, 'MAXLEN', '~', String(NOTICES_KEPT), '*', 'n', JSON.stringify(notice)]);
    await connected().sendCommand(['PEXPIRE', KEYS.notices, String(NOTICES_TTL_MS)]);
  }

  /** The newest id in a stream, or 0-0: where this node starts reading, so nothing added after it is missed. */
  async function lastIdOf(reader: RedisClient, key: string): Promise<string> {
    const newest = await reader.sendCommand<StreamEntry[]>(['XREVRANGE', key, '+', '-', 'COUNT', '1']);
    return newest[0]?.[0] ?? '0-0';
  }

  // #region redis-fan-out
  /**
   * Fan-out: one blocking XREAD per node on both streams, from the last id it saw. Unlike PUBLISH, which delivers
   * only to whoever is subscribed at that instant (at most once), a stream read after a dropped link picks up
   * where it left off, and every node reads the messages in the same order, the order of their ids.
   */
  async function readLoop(): Promise<void> {
    await started;
    let cursors: [string, string] | undefined;
    while (!closed && reader) {
      try {
        if (!reader.isReady) {
          readerLive = false;
          await sleep(50);
          continue;
        }
        cursors ??= [await lastIdOf(reader, KEYS.history), await lastIdOf(reader, KEYS.notices)];
        readerLive = true;
        const reply = await reader.sendCommand<XReadReply>([
          'XREAD',
          'COUNT',
          String(READ_BATCH),
          'BLOCK',
          String(READ_BLOCK_MS),
          'STREAMS',
          KEYS.history,
          KEYS.notices,
          ...cursors,
        ]);
        for (const [key, entries] of reply ?? []) {
          const isHistory = key === KEYS.history;
          for (const [id, fields] of entries) {
            cursors[isHistory ? 0 : 1] = id;
            const event = JSON.parse(fields[1]!) as RoomEvent;
            listener(isHistory ? { ...(event as UnorderedChatText), id: messageIdOf(id) } : event);
          }
        }
      } catch {
        readerLive = false;
        if (!closed) await sleep(100);
      }
    }
  }
  // #endregion redis-fan-out

  return {
    health() {
      if (commands?.isReady && readerLive) return { kind: 'redis', unavailable: null };
      return { kind: 'redis', unavailable: `Redis at ${where} is unreachable, so the chat room is unavailable on this node.` };
    },
    async publish(message: UnorderedChatText): Promise<ChatText> {
      const streamId = await evalScript<string>(
        PUBLISH_SCRIPT,
        [KEYS.history, KEYS.since, KEYS.trimmed],
        [historyLength + READ_LAG_KEPT, JSON.stringify(message), HISTORY_TTL_MS],
      );
      return { ...message, id: messageIdOf(streamId) };
    },
    announce: addNotice,
    subscribe(onEvent) {
      listener = onEvent;
    },
    async history(after: string): Promise<ChatHistory> {
      const [entries, since, trimmed, cut] = await evalScript<[StreamEntry[], string, string, number]>(
        HISTORY_SCRIPT,
        [KEYS.history, KEYS.since, KEYS.trimmed],
        [streamIdOf(after), historyLength],
      );
      const messages = entries.map(([id, fields]) => ({ ...(JSON.parse(fields[1]!) as UnorderedChatText), id: messageIdOf(id) }));
      // No "since" means no message since Redis started (or the room expired): what came before is unknown.
      const incomplete = cut === 1 || since === '' || after < messageIdOf(since) || (trimmed !== '' && after < messageIdOf(trimmed));
      return { messages, incomplete };
    },
    async claim({ nickname, token, connection, maxMembers }: PresenceClaim): Promise<ClaimResult> {
      const [result, gone] = await evalScript<[ClaimResult, string[]]>(
        CLAIM_SCRIPT,
        [KEYS.members, KEYS.member(nickname)],
        [nickname, token, connection, maxMembers, presenceTtlMs, Date.now(), KEYS.member('')],
      );
      await announceGone(gone);
      if (result === 'joined' || result === 'resumed') local.set(nickname, `${token} ${connection}`);
      return result;
    },
    async release(nickname: string, connection: string): Promise<boolean> {
      if (local.get(nickname)?.endsWith(` ${connection}`)) local.delete(nickname);
      return (await evalScript<number>(RELEASE_SCRIPT, [KEYS.member(nickname), KEYS.members], [nickname, connection])) === 1;
    },
    async members(): Promise<string[]> {
      const [gone, names] = await evalScript<[string[], string[]]>(MEMBERS_SCRIPT, [KEYS.members], [KEYS.member('')]);
      await announceGone(gone);
      return names;
    },
    async close(): Promise<void> {
      closed = true;
      clearInterval(heartbeatTimer);
      // The reader may be blocked in XREAD for up to READ_BLOCK_MS; cutting its connection ends that at once.
      await started;
      reader?.destroy();
      await reading;
      if (commands?.isOpen) await commands.close().catch(() => commands?.destroy());
    },
  };
}

/** REDIS_URL without its password, for logs and /healthz. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
