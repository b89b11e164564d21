// Every limit of the demo server: its default, the environment variable that overrides it, and why it exists.
import { compileTrustedProxies } from './client-address.ts';

export interface DemoServerOptions {
  /** Largest message accepted, in bytes. A larger one closes the connection with 1009 (Message Too Big). Default 64 KiB. */
  maxMessageBytes: number;
  /** Bytes a connection may have queued for sending before the server stops reading from it. Default 1 MiB. */
  maxBufferedBytes: number;
  /** How long closing connections get to finish the close handshake on shutdown before they are cut, in ms. Default 2000. */
  closeGraceMs: number;
  /** How long `npm start` may take to shut down in all before it exits anyway, in ms; more than closeGraceMs. Default 5000. */
  shutdownTimeoutMs: number;
  /** Bytes of client frames one /ws/inspect connection gets reported back; past it the connection closes with 1008. Default 4 MiB. */
  inspectBudgetBytes: number;
  /** Largest message /ws/deflate accepts once inflated; a compressed frame that inflates past it closes with 1009. Default 16 KiB. */
  deflateMaxMessageBytes: number;
  /** Base-2 logarithm of the LZ77 window /ws/deflate uses and asks clients to use (RFC 7692 §7.1.2), 9–15. Default 12 (4 KiB). */
  deflateMaxWindowBits: number;
  /** zlib's memLevel for /ws/deflate's compressor, 1–9: memory for its hash table against compression. Default 4. */
  deflateMemLevel: number;
  /** /ws/deflate connections with compression open at once; the next is refused with 503. Default 200. */
  deflateMaxConnections: number;
  /** Requests one /ws/lab connection may make in any minute; more are refused with an explanation. Default 60. */
  labRequestsPerMinute: number;
  /** Characters (Unicode code points) a /ws/chat nickname may have; a longer one is refused with an explanation. Default 32. */
  chatMaxNicknameChars: number;
  /** Characters (Unicode code points) one /ws/chat message may have; a longer one is refused with an explanation. Default 500. */
  chatMaxMessageChars: number;
  /** Messages one /ws/chat member may say in any minute; more are refused with an explanation. Default 60. */
  chatMessagesPerMinute: number;
  /** Members one /ws/chat room may hold; the next join is refused with an explanation. Default 100. */
  chatMaxMembers: number;
  /** /ws/chat messages the room keeps for members who resume after a dropped connection. Default 100. */
  chatHistory: number;
  /** With Redis: how long a member's place in the room lasts unless its node renews it (every third of this), in ms. Default 6000. */
  chatPresenceTtlMs: number;
  /** Events one transport race may ask for, per transport. Default 200. */
  raceMaxEvents: number;
  /** Bytes of payload one race event may carry. Default 16 KiB. */
  raceMaxPayloadBytes: number;
  /** Transport races running at once on this server; one more is refused with 503. Default 4. */
  raceMaxConcurrentRuns: number;
  /** How long one race (all four transports) may last before the server ends it, in ms. Default 120000. */
  raceMaxRunMs: number;
  /** Open WebSocket connections from one IP address; the next handshake is refused with 429. Default 50. */
  maxConnectionsPerIp: number;
  /** Open WebSocket connections in all; the next handshake is refused with 503. Default 10000. */
  maxConnections: number;
  /** Messages and control frames one connection may send per second (a burst of as many is allowed); over it, close 1008. Default 100. */
  maxMessagesPerSecond: number;
  /** Frames one fragmented message may be split into; more closes the connection with 1008. Default 128. */
  maxFragmentsPerMessage: number;
  /** Time a client gets to send its complete request headers; a slower one gets 408 and is cut. Default 10000 ms. */
  handshakeTimeoutMs: number;
  /** Time a connection may go without sending a message; then the server closes it with 1000. Default 300000 ms (5 min). */
  idleTimeoutMs: number;
  /** How often the server pings each connection; a peer that has not answered the previous ping is terminated. Default 30000 ms. */
  heartbeatIntervalMs: number;
  /** Total bytes of a request's start line and headers; more is answered with 431. Default 16384 (16 KiB). */
  maxHeaderBytes: number;
  /** Header fields a request may carry; more is answered with 431. Default 100. */
  maxHeaderCount: number;
  /** Origins allowed besides the server's own (scheme, host and port, such as https://example.com). Default none. */
  allowedOrigins: readonly string[];
  /**
   * Proxies whose X-Forwarded-For gives the client's address (IP addresses, CIDR ranges, `loopback`, `linklocal`,
   * `uniquelocal`). Default none: the client is the TCP peer.
   */
  trustedProxies: readonly string[];
  /** Redis to share the chat room, presence and caps with other nodes (redis://host:port). Default '': one process, no Redis. */
  redisUrl: string;
  /** This node's name in X-Demo-Node, welcome and /healthz. Default '': the host name and the port the request came in on. */
  nodeName: string;
  /**
   * `POST /cluster/stop/<node>` and the chat widget's **Stop this node** button, for readers on this machine only, so a
   * trainer can show failover live (`npm run cluster` sets DEMO_OFFER_STOP_NODE=1). Default false: the path does not exist.
   */
  offerStopNode: boolean;
  /** /ws/trouble?symptom=idle-cut: how long the server may send nothing before the simulated proxy cuts the TCP connection, in ms. Default 5000. */
  troubleIdleCutMs: number;
  /** /ws/trouble?symptom=drop: how long after opening the server cuts the TCP connection without a Close frame, in ms. Default 1500. */
  troubleDropAfterMs: number;
  /** /ws/trouble?symptom=merged: the pause between the TCP writes that carry one split message, in ms. Default 300. */
  troubleSplitDelayMs: number;
  /** /ws/trouble?symptom=too-many: connections one address may hold open there; the next handshake is refused with 429. Default 3. */
  troubleMaxOpenPerIp: number;
  /** How long any /ws/trouble connection may last before the server closes it with 1000, in ms. Default 30000. */
  troubleMaxSessionMs: number;
  /** How long a /auth/session cookie (the demo's sign-in) stays valid, in ms. Default 1800000 (30 min). */
  authSessionTtlMs: number;
  /** How long a one-time ticket from POST /auth/ticket may wait for its /ws/auth/ticket handshake, in ms. Default 30000. */
  authTicketTtlMs: number;
  /** How long a bearer token from POST /auth/token stays valid, in ms. Default 600000 (10 min). */
  authTokenTtlMs: number;
  /** Sessions, tickets and tokens the server holds at once; past it, POST /auth/* is refused with 503. Default 10000. */
  authMaxCredentials: number;
  /** Sessions, tickets and tokens one client (an IPv4 address or an IPv6 /64) holds at once; past it, 429. Default 20. */
  authMaxCredentialsPerIp: number;
  /** Time a /ws/auth/first-message connection gets to send its token, in ms; then it is closed with 1008. Default 5000. */
  authFirstMessageTimeoutMs: number;
  /**
   * The second loopback origin of the Cross-Site WebSocket Hijacking demo, and the deliberately unsafe endpoint
   * /ws/cswsh/unsafe that exists only with it (DEMO_SECOND_ORIGIN=on|off). Default off; `npm start` and
   * `npm run dev` turn it on when they listen on loopback only (see README, "The second origin").
   */
  secondOrigin: boolean;
  /** /ws/mqtt: relayed MQTT connections open at once; the next handshake is refused with 503. Default 50. */
  mqttMaxConnections: number;
  /** /ws/mqtt: largest binary message a page may send to the broker, in bytes; a larger one closes with 1009. Default 16384. */
  mqttMaxMessageBytes: number;
  /** /ws/mqtt: how long a relayed connection may carry no MQTT bytes either way before it is closed, in ms. Default 120000. */
  mqttIdleTimeoutMs: number;
  /** The broker /ws/mqtt relays to, as mqtt://host:port (DEMO_MQTT_URL). Default '': none, unless mqttBroker starts one. */
  mqttUrl: string;
  /**
   * Start Debian's mosquitto on 127.0.0.1 and a free port for /ws/mqtt (DEMO_MQTT_BROKER=on|off). Default off;
   * `npm start` and `npm run dev` turn it on when they listen on loopback only and mosquitto is installed.
   */
  mqttBroker: boolean;
  /** pino level for the JSON log lines (one per connection open and close). Default 'info', and 'silent' under Vitest. */
  logLevel: LogLevel;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

type NumericOption = { [K in keyof DemoServerOptions]: DemoServerOptions[K] extends number ? K : never }[keyof DemoServerOptions];

/** The accepted spellings of DEMO_SECOND_ORIGIN and DEMO_MQTT_BROKER. */
const SWITCH_VALUES: Record<string, boolean> = { on: true, off: false, true: true, false: false, '1': true, '0': false };

interface LimitDoc {
  env: string;
  default: number;
  min: number;
  /** The largest value that makes sense, where there is one. */
  max?: number;
  description: string;
}

/** The one place limits are defined. README's table of options is checked against this by a test. */
export const LIMITS: Record<NumericOption, LimitDoc> = {
  maxMessageBytes: {
    env: 'DEMO_MAX_MESSAGE_BYTES',
    default: 64 * 1024,
    min: 125,
    description: 'Largest message accepted, in bytes; a larger one closes the connection with 1009 (Message Too Big).',
  },
  maxBufferedBytes: {
    env: 'DEMO_MAX_BUFFERED_BYTES',
    default: 1024 * 1024,
    min: 1,
    description:
      'Bytes a connection may have waiting to be sent before the server stops reading from it, so a slow reader cannot grow memory.',
  },
  closeGraceMs: {
    env: 'DEMO_CLOSE_GRACE_MS',
    default: 2000,
    min: 0,
    description: 'On shutdown, how long connections get to finish the close handshake before they are cut, in milliseconds.',
  },
  shutdownTimeoutMs: {
    env: 'DEMO_SHUTDOWN_TIMEOUT_MS',
    default: 5000,
    min: 1,
    description:
      'npm start: on SIGTERM, the time after which the process exits (with status 1) even if something still hangs; more than DEMO_CLOSE_GRACE_MS.',
  },
  inspectBudgetBytes: {
    env: 'DEMO_INSPECT_BUDGET_BYTES',
    default: 4 * 1024 * 1024,
    min: 1,
    description:
      '/ws/inspect: bytes of client frames one connection gets reported back (as hex, about twice their size); past it the connection closes with 1008.',
  },
  deflateMaxMessageBytes: {
    env: 'DEMO_DEFLATE_MAX_MESSAGE_BYTES',
    default: 16 * 1024,
    min: 125,
    description:
      '/ws/deflate: largest message accepted once inflated, in bytes; a compressed frame that inflates past it closes the connection with 1009, however small it was on the wire.',
  },
  deflateMaxWindowBits: {
    env: 'DEMO_DEFLATE_MAX_WINDOW_BITS',
    default: 12,
    min: 9,
    max: 15,
    description:
      "/ws/deflate: base-2 logarithm of the LZ77 window the server compresses with and asks clients to compress with (`server_max_window_bits`, `client_max_window_bits`, RFC 7692 §7.1.2); 9 to 15. Each side's window costs memory per connection.",
  },
  deflateMemLevel: {
    env: 'DEMO_DEFLATE_MEM_LEVEL',
    default: 4,
    min: 1,
    max: 9,
    description:
      "/ws/deflate: zlib's memLevel for the server's compressor, 1 to 9; its hash table takes 2^(memLevel + 9) bytes per connection, so lower trades compression for memory.",
  },
  deflateMaxConnections: {
    env: 'DEMO_DEFLATE_MAX_CONNECTIONS',
    default: 200,
    min: 1,
    description:
      '/ws/deflate: connections with permessage-deflate open at once; the next handshake is refused with 503 and says why. Compression state costs memory per connection.',
  },
  labRequestsPerMinute: {
    env: 'DEMO_LAB_REQUESTS_PER_MINUTE',
    default: 60,
    min: 1,
    description:
      '/ws/lab: requests one connection may make in any minute; more are refused with an explanation and the connection stays open.',
  },
  chatMaxNicknameChars: {
    env: 'DEMO_CHAT_MAX_NICKNAME_CHARS',
    default: 32,
    min: 1,
    description:
      '/ws/chat: characters (Unicode code points) a nickname may have; a longer one is refused with a JSON explanation and the connection stays open.',
  },
  chatMaxMessageChars: {
    env: 'DEMO_CHAT_MAX_MESSAGE_CHARS',
    default: 500,
    min: 1,
    description:
      '/ws/chat: characters (Unicode code points) one chat message may have; a longer one is refused with a JSON explanation and the connection stays open.',
  },
  chatMessagesPerMinute: {
    env: 'DEMO_CHAT_MESSAGES_PER_MINUTE',
    default: 60,
    min: 1,
    description:
      '/ws/chat: messages one member may say in any minute; more are refused with a JSON explanation. Every message goes to every member, so this bounds the fan-out.',
  },
  chatMaxMembers: {
    env: 'DEMO_CHAT_MAX_MEMBERS',
    default: 100,
    min: 2,
    description: '/ws/chat: members the room may hold; the next join is refused with a JSON explanation and the connection stays open.',
  },
  chatHistory: {
    env: 'DEMO_CHAT_HISTORY',
    default: 100,
    min: 1,
    description:
      '/ws/chat: messages the room keeps, so a member that reconnects (to any node) is sent what it missed; a member gone for longer is told that some are lost.',
  },
  chatPresenceTtlMs: {
    env: 'DEMO_CHAT_PRESENCE_TTL_MS',
    default: 6000,
    min: 300,
    description:
      "/ws/chat with REDIS_URL: how long a member's place in the room lasts unless its node renews it (every third of this); a node that dies takes its members out of the room within this time and one renewal more.",
  },
  raceMaxEvents: {
    env: 'DEMO_RACE_MAX_EVENTS',
    default: 200,
    min: 1,
    description: '/race: events a transport race may ask for, per transport; more is refused with 400.',
  },
  raceMaxPayloadBytes: {
    env: 'DEMO_RACE_MAX_PAYLOAD_BYTES',
    default: 16 * 1024,
    min: 1,
    description: '/race: bytes of payload in one race event; more is refused with 400.',
  },
  raceMaxConcurrentRuns: {
    env: 'DEMO_RACE_MAX_RUNS',
    default: 4,
    min: 1,
    description: '/race: races running at once; one more is refused with 503 and Retry-After.',
  },
  raceMaxRunMs: {
    env: 'DEMO_RACE_MAX_RUN_MS',
    default: 120_000,
    min: 1000,
    description:
      '/race: how long one race (all four transports) may last, in milliseconds; parameters that cannot fit are refused with 400, and a race still open then is ended.',
  },
  maxConnectionsPerIp: {
    env: 'DEMO_MAX_CONNECTIONS_PER_IP',
    default: 50,
    min: 1,
    description: 'Open WebSocket connections from one IP address; the next handshake is refused with 429 (Too Many Requests).',
  },
  maxConnections: {
    env: 'DEMO_MAX_CONNECTIONS',
    default: 10_000,
    min: 1,
    description: 'Open WebSocket connections in all; the next handshake is refused with 503 (Service Unavailable).',
  },
  maxMessagesPerSecond: {
    env: 'DEMO_MAX_MESSAGES_PER_SECOND',
    default: 100,
    min: 1,
    description:
      'Messages and control frames one connection may send per second, with a burst of as many; over it the connection closes with 1008 (Policy Violation).',
  },
  maxFragmentsPerMessage: {
    env: 'DEMO_MAX_FRAGMENTS_PER_MESSAGE',
    default: 128,
    min: 1,
    description:
      'Frames one fragmented message may be split into; more closes the connection with 1008, so a flood of tiny fragments is cut.',
  },
  handshakeTimeoutMs: {
    env: 'DEMO_HANDSHAKE_TIMEOUT_MS',
    default: 10_000,
    min: 1,
    description:
      'Time a client gets to send its complete request headers, in milliseconds; a slower one (a slowloris) gets 408 and is cut.',
  },
  idleTimeoutMs: {
    env: 'DEMO_IDLE_TIMEOUT_MS',
    default: 300_000,
    min: 1,
    description: 'Time a connection may go without sending a message, in milliseconds; then the server closes it with 1000.',
  },
  heartbeatIntervalMs: {
    env: 'DEMO_HEARTBEAT_INTERVAL_MS',
    default: 30_000,
    min: 1,
    description:
      'How often the server pings every connection, in milliseconds; a peer that has not answered the previous ping with a pong is terminated.',
  },
  maxHeaderBytes: {
    env: 'DEMO_MAX_HEADER_BYTES',
    default: 16 * 1024,
    min: 1024,
    description: 'npm start: bytes of request line and headers a request may have; more is answered with 431.',
  },
  maxHeaderCount: {
    env: 'DEMO_MAX_HEADER_COUNT',
    default: 100,
    min: 16,
    description: 'Header fields a request may carry; more is answered with 431 (Request Header Fields Too Large).',
  },
  troubleIdleCutMs: {
    env: 'DEMO_TROUBLE_IDLE_CUT_MS',
    default: 5000,
    min: 500,
    description:
      '/ws/trouble?symptom=idle-cut: time the server may send nothing, in milliseconds, before the simulated proxy cuts the TCP connection without a Close frame.',
  },
  troubleDropAfterMs: {
    env: 'DEMO_TROUBLE_DROP_AFTER_MS',
    default: 1500,
    min: 0,
    description:
      '/ws/trouble?symptom=drop: time after opening, in milliseconds, at which the server cuts the TCP connection without a Close frame.',
  },
  troubleSplitDelayMs: {
    env: 'DEMO_TROUBLE_SPLIT_DELAY_MS',
    default: 300,
    min: 0,
    description: '/ws/trouble?symptom=merged: pause between the TCP writes that carry one split message, in milliseconds.',
  },
  troubleMaxOpenPerIp: {
    env: 'DEMO_TROUBLE_MAX_OPEN_PER_IP',
    default: 3,
    min: 1,
    description: '/ws/trouble?symptom=too-many: connections one address may hold open there; the next handshake is refused with 429.',
  },
  troubleMaxSessionMs: {
    env: 'DEMO_TROUBLE_MAX_SESSION_MS',
    default: 30_000,
    min: 1000,
    description: '/ws/trouble: how long any connection may last, in milliseconds, before the server closes it with 1000.',
  },
  authSessionTtlMs: {
    env: 'DEMO_AUTH_SESSION_TTL_MS',
    default: 30 * 60_000,
    min: 1000,
    description: 'How long the demo sign-in cookie from POST /auth/session stays valid, in milliseconds.',
  },
  authTicketTtlMs: {
    env: 'DEMO_AUTH_TICKET_TTL_MS',
    default: 30_000,
    min: 100,
    description: 'How long a one-time ticket from POST /auth/ticket may wait for its /ws/auth/ticket handshake, in milliseconds.',
  },
  authTokenTtlMs: {
    env: 'DEMO_AUTH_TOKEN_TTL_MS',
    default: 10 * 60_000,
    min: 100,
    description: 'How long a bearer token from POST /auth/token stays valid, in milliseconds.',
  },
  authMaxCredentials: {
    env: 'DEMO_AUTH_MAX_CREDENTIALS',
    default: 10_000,
    min: 1,
    description: 'Sessions, tickets and tokens the server holds at once; past it, POST /auth/* is refused with 503.',
  },
  authMaxCredentialsPerIp: {
    env: 'DEMO_AUTH_MAX_CREDENTIALS_PER_IP',
    default: 20,
    min: 1,
    description:
      'Sessions, tickets and tokens one client (an IPv4 address or an IPv6 /64) holds at once; past it, POST /auth/* is refused with 429.',
  },
  authFirstMessageTimeoutMs: {
    env: 'DEMO_AUTH_FIRST_MESSAGE_TIMEOUT_MS',
    default: 5000,
    min: 50,
    description: '/ws/auth/first-message: time a connection gets to send its token, in milliseconds; then it is closed with 1008.',
  },
  mqttMaxConnections: {
    env: 'DEMO_MQTT_MAX_CONNECTIONS',
    default: 50,
    min: 1,
    description:
      '/ws/mqtt: relayed MQTT connections open at once; each holds a TCP connection to the broker. The next handshake is refused with 503.',
  },
  mqttMaxMessageBytes: {
    env: 'DEMO_MQTT_MAX_MESSAGE_BYTES',
    default: 16 * 1024,
    min: 2,
    description: '/ws/mqtt: largest binary message a page may send to the broker, in bytes; a larger one closes the connection with 1009.',
  },
  mqttIdleTimeoutMs: {
    env: 'DEMO_MQTT_IDLE_TIMEOUT_MS',
    default: 120_000,
    min: 50,
    description:
      '/ws/mqtt: milliseconds a relayed connection may carry no MQTT bytes either way (a client pings within its keep alive); then it is closed with 1000.',
  },
};

const NUMERIC_OPTIONS = Object.keys(LIMITS) as NumericOption[];

/** Reads overrides from environment variables such as `DEMO_MAX_MESSAGE_BYTES=1048576`, `ALLOWED_ORIGINS`, `TRUSTED_PROXIES`, `REDIS_URL`, `DEMO_NODE_NAME`, `DEMO_MQTT_URL`, `DEMO_MQTT_BROKER`, `DEMO_OFFER_STOP_NODE` and `LOG_LEVEL`. */
export function optionsFromEnv(env: Record<string, string | undefined>): Partial<DemoServerOptions> {
  const options: Partial<Record<NumericOption, number>> & Partial<DemoServerOptions> = {};
  for (const name of NUMERIC_OPTIONS) {
    const raw = env[LIMITS[name].env];
    if (raw === undefined || raw.trim() === '') continue;
    const value = Number(raw);
    if (!Number.isFinite(value)) {
      throw new TypeError(`The environment variable ${LIMITS[name].env} must be a number, but it is ${JSON.stringify(raw)}.`);
    }
    options[name] = value;
  }
  const origins = env['ALLOWED_ORIGINS'];
  if (origins !== undefined && origins.trim() !== '') options.allowedOrigins = commaSeparated(origins);
  const proxies = env['TRUSTED_PROXIES'];
  if (proxies !== undefined && proxies.trim() !== '') options.trustedProxies = commaSeparated(proxies);
  const redisUrl = env['REDIS_URL'];
  if (redisUrl !== undefined && redisUrl.trim() !== '') options.redisUrl = redisUrl.trim();
  const nodeName = env['DEMO_NODE_NAME'];
  if (nodeName !== undefined && nodeName.trim() !== '') options.nodeName = nodeName.trim();
  const secondOrigin = switchFromEnv(env, 'DEMO_SECOND_ORIGIN');
  if (secondOrigin !== undefined) options.secondOrigin = secondOrigin;
  const mqttUrl = env['DEMO_MQTT_URL'];
  if (mqttUrl !== undefined && mqttUrl.trim() !== '') options.mqttUrl = mqttUrl.trim();
  const mqttBroker = switchFromEnv(env, 'DEMO_MQTT_BROKER');
  if (mqttBroker !== undefined) options.mqttBroker = mqttBroker;
  const offerStopNode = env['DEMO_OFFER_STOP_NODE'];
  if (offerStopNode !== undefined && offerStopNode.trim() !== '') {
    if (!['0', '1'].includes(offerStopNode.trim())) {
      throw new TypeError(
        `The environment variable DEMO_OFFER_STOP_NODE must be 1 (offer Stop this node) or 0, but it is ${JSON.stringify(offerStopNode)}.`,
      );
    }
    options.offerStopNode = offerStopNode.trim() === '1';
  }
  const level = env['LOG_LEVEL'];
  if (level !== undefined && level.trim() !== '') options.logLevel = level.trim() as LogLevel;
  return options;
}

/** An on/off variable (SWITCH_VALUES' spellings); undefined when unset or empty, so the caller's default applies. */
function switchFromEnv(env: Record<string, string | undefined>, name: string): boolean | undefined {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return undefined;
  const value = SWITCH_VALUES[raw];
  if (value === undefined) throw new TypeError(`The environment variable ${name} must be on or off, but it is ${JSON.stringify(raw)}.`);
  return value;
}

function commaSeparated(list: string): string[] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** Fills in defaults and rejects values that make no sense, with a sentence that says which and why. */
export function resolveOptions(overrides: Partial<DemoServerOptions> = {}): DemoServerOptions {
  const numbers = {} as Record<NumericOption, number>;
  for (const name of NUMERIC_OPTIONS) {
    const value = overrides[name] ?? LIMITS[name].default;
    const { min, max } = LIMITS[name];
    if (!Number.isInteger(value) || value < min || (max !== undefined && value > max)) {
      const range = max === undefined ? `of at least ${min}` : `from ${min} to ${max}`;
      throw new TypeError(`The option ${name} must be a whole number ${range}, but it is ${value}.`);
    }
    numbers[name] = value;
  }
  if (numbers.maxConnectionsPerIp > numbers.maxConnections) {
    throw new TypeError(
      `The option maxConnectionsPerIp (${numbers.maxConnectionsPerIp}) cannot be more than maxConnections (${numbers.maxConnections}), since one address could never reach it.`,
    );
  }
  if (numbers.shutdownTimeoutMs <= numbers.closeGraceMs) {
    throw new TypeError(
      `The option shutdownTimeoutMs (${numbers.shutdownTimeoutMs}) must be more than closeGraceMs (${numbers.closeGraceMs}), or shutdown would be cut before the close handshakes may finish.`,
    );
  }
  const allowedOrigins = (overrides.allowedOrigins ?? []).map(normalizeOrigin);
  const trustedProxies = [...(overrides.trustedProxies ?? [])];
  compileTrustedProxies(trustedProxies);
  const logLevel = overrides.logLevel ?? (process.env['VITEST'] ? 'silent' : 'info');
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new TypeError(`The option logLevel must be one of ${LOG_LEVELS.join(', ')}, but it is ${JSON.stringify(logLevel)}.`);
  }
  const nodeName = overrides.nodeName ?? '';
  if (!/^[\w.:@-]{0,64}$/.test(nodeName)) {
    throw new TypeError(
      `The option nodeName must be at most 64 letters, digits and the characters . : @ - _, since it goes into a header, but it is ${JSON.stringify(nodeName)}.`,
    );
  }
  const redisUrl = overrides.redisUrl ?? '';
  if (redisUrl !== '' && !/^rediss?:\/\//.test(redisUrl)) {
    throw new TypeError(
      `The option redisUrl must be a redis:// or rediss:// URL, such as redis://127.0.0.1:6379, but it is ${JSON.stringify(redisUrl)}.`,
    );
  }
  const secondOrigin = overrides.secondOrigin ?? false;
  const offerStopNode = overrides.offerStopNode ?? false;
  const mqttUrl = overrides.mqttUrl ?? '';
  if (mqttUrl !== '' && !/^mqtt:\/\/[^/:]+(:\d+)?\/?$/.test(mqttUrl)) {
    throw new TypeError(
      `The option mqttUrl must be mqtt://host:port, such as mqtt://127.0.0.1:1883, but it is ${JSON.stringify(mqttUrl)}.`,
    );
  }
  const mqttBroker = overrides.mqttBroker ?? false;
  if (mqttBroker && mqttUrl !== '') {
    throw new TypeError(
      'Set either mqttUrl (a broker that runs already) or mqttBroker (start mosquitto), not both: the relay has one broker.',
    );
  }
  return { ...numbers, allowedOrigins, trustedProxies, redisUrl, nodeName, offerStopNode, logLevel, secondOrigin, mqttUrl, mqttBroker };
}

/** An allowed origin as browsers serialize it in the Origin header: scheme://host[:port], lower case, no path. */
function normalizeOrigin(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new TypeError(
      `The allowed origin ${JSON.stringify(origin)} is not a URL; write it as scheme://host[:port], such as https://example.com.`,
    );
  }
  if (url.origin === 'null' || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new TypeError(
      `The allowed origin ${JSON.stringify(origin)} must be only a scheme, host and optional port, such as https://example.com, with no path.`,
    );
  }
  return url.origin;
}
