// The demo server's own protocol errors: each has a stable DEMO_ERR_… code, a message, and the HTTP status or close code it leads to.

/** Every error the demo server raises itself, and what it answers with: an HTTP status before the upgrade, a close code after. */
export const DEMO_ERRORS = {
  DEMO_ERR_NO_ENDPOINT: { status: 404, when: 'handshake' },
  DEMO_ERR_METHOD_NOT_ALLOWED: { status: 405, when: 'handshake' },
  DEMO_ERR_BAD_HANDSHAKE: { status: 400, when: 'handshake' },
  DEMO_ERR_BAD_VERSION: { status: 400, when: 'handshake' },
  DEMO_ERR_UNSUPPORTED_VERSION: { status: 426, when: 'handshake' },
  // The same refusal over HTTP/2, where a 426 cannot carry the Upgrade field it must have (see admit() in index.ts).
  DEMO_ERR_UNSUPPORTED_VERSION_HTTP2: { status: 400, when: 'handshake' },
  DEMO_ERR_ORIGIN_NOT_ALLOWED: { status: 403, when: 'handshake' },
  DEMO_ERR_TOO_MANY_HEADERS: { status: 431, when: 'handshake' },
  DEMO_ERR_TOO_MANY_FROM_IP: { status: 429, when: 'handshake' },
  DEMO_ERR_SERVER_FULL: { status: 503, when: 'handshake' },
  DEMO_ERR_SHUTTING_DOWN: { status: 503, when: 'handshake' },
  DEMO_ERR_DEFLATE_FULL: { status: 503, when: 'handshake' },
  DEMO_ERR_MESSAGE_RATE: { status: 1008, when: 'connection' },
  DEMO_ERR_TOO_MANY_FRAGMENTS: { status: 1008, when: 'connection' },
  DEMO_ERR_IDLE: { status: 1000, when: 'connection' },
  // 1013 Try Again Later (IANA registry), not 1008: a chat member that reads too slowly broke no policy with
  // anything it sent. The server casts it off for a temporary condition, its own send queue, and it may reconnect.
  DEMO_ERR_CHAT_TOO_SLOW: { status: 1013, when: 'connection' },
  DEMO_ERR_TROUBLE_UNKNOWN_SYMPTOM: { status: 400, when: 'handshake' },
  DEMO_ERR_TROUBLE_TOO_MANY: { status: 429, when: 'handshake' },
  DEMO_ERR_TROUBLE_SESSION_OVER: { status: 1000, when: 'connection' },
  // 403, not 401: a 401 must carry a WWW-Authenticate challenge (RFC 9110 §15.5.2), and none of these patterns is an
  // HTTP authentication scheme a client could answer.
  DEMO_ERR_AUTH_MISSING: { status: 403, when: 'handshake' },
  DEMO_ERR_AUTH_REJECTED: { status: 403, when: 'handshake' },
  DEMO_ERR_AUTH_FULL: { status: 503, when: 'handshake' },
  DEMO_ERR_AUTH_TOO_MANY: { status: 429, when: 'handshake' },
  DEMO_ERR_AUTH_DEADLINE: { status: 1008, when: 'connection' },
  DEMO_ERR_AUTH_FIRST_MESSAGE: { status: 1008, when: 'connection' },
  DEMO_ERR_NOT_LOOPBACK: { status: 403, when: 'handshake' },
  // /ws/mqtt (server/endpoints/mqtt.ts). A missing "mqtt" subprotocol is a malformed request for this endpoint: 400.
  DEMO_ERR_MQTT_UNAVAILABLE: { status: 503, when: 'handshake' },
  DEMO_ERR_MQTT_SUBPROTOCOL: { status: 400, when: 'handshake' },
  DEMO_ERR_MQTT_FULL: { status: 503, when: 'handshake' },
  // 1003: "a type of data it cannot accept (e.g., an endpoint that understands only text data MAY send this if it
  // receives a binary message)" (RFC 6455 §7.4.1), here the other way round, as MQTT §6 requires.
  DEMO_ERR_MQTT_TEXT_FRAME: { status: 1003, when: 'connection' },
  DEMO_ERR_MQTT_TOO_BIG: { status: 1009, when: 'connection' },
  DEMO_ERR_MQTT_IDLE: { status: 1000, when: 'connection' },
  // 1013 Try Again Later (IANA registry): the broker's side failed, not anything the page sent.
  DEMO_ERR_MQTT_BROKER_DOWN: { status: 1013, when: 'connection' },
  // POST /cluster/stop/<node> (server/stop-node.ts): plain HTTP answers, like a refused handshake's.
  DEMO_ERR_STOP_NODE_NOT_LOOPBACK: { status: 403, when: 'handshake' },
  DEMO_ERR_STOP_NODE_NO_HEADER: { status: 403, when: 'handshake' },
  DEMO_ERR_STOP_NODE_WRONG_NODE: { status: 421, when: 'handshake' },
} as const satisfies Record<string, { status: number; when: 'handshake' | 'connection' }>;

export type DemoErrorCode = keyof typeof DEMO_ERRORS;

/** A close frame's reason may hold at most 123 bytes of UTF-8 (RFC 6455 §5.5: 125 bytes of payload, 2 of them the code). */
const MAX_CLOSE_REASON_BYTES = 123;

export class DemoProtocolError extends Error {
  readonly code: DemoErrorCode;
  /** The HTTP status of the refusal (before the upgrade) or the close code (after it). */
  readonly status: number;
  readonly when: 'handshake' | 'connection';

  constructor(code: DemoErrorCode, message: string) {
    super(message);
    this.name = 'DemoProtocolError';
    this.code = code;
    this.status = DEMO_ERRORS[code].status;
    this.when = DEMO_ERRORS[code].when;
  }

  /** What goes in the Close frame: the code, then as much of the message as fits, so a browser's CloseEvent.reason says why. */
  get closeReason(): string {
    const reason = `${this.code}: ${this.message}`;
    if (Buffer.byteLength(reason) <= MAX_CLOSE_REASON_BYTES) return reason;
    let cut = reason.slice(0, MAX_CLOSE_REASON_BYTES - 1);
    while (Buffer.byteLength(`${cut}…`) > MAX_CLOSE_REASON_BYTES) cut = cut.slice(0, -1);
    return `${cut}…`;
  }
}

/** The one way the demo server builds its protocol errors. */
export function demoError(code: DemoErrorCode, message: string): DemoProtocolError {
  return new DemoProtocolError(code, message);
}
