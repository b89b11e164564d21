// A WebSocket that reconnects after the connection is lost, waiting a random, growing delay first (RFC 6455 §7.2.3).
// Browser-ready ES module: it uses only the global WebSocket, EventTarget and timers.

/**
 * How long to wait before reconnect attempt number `attempt` (0 for the first): a random time between zero and a
 * ceiling that doubles with each attempt up to `maxDelayMs` ("full jitter"). The first delay is random, as §7.2.3
 * asks, and the doubling ceiling is its truncated binary exponential backoff.
 */
export function backoffDelay(attempt, { baseDelayMs, maxDelayMs, random }) {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/**
 * Events: `open`, `message` (with `data`), `close` (with `code`, `reason`, `wasClean`) for every connection, and
 * `reconnecting` (with `detail.attempt` and `detail.delayMs`) before each wait.
 */
export class ReconnectingSocket extends EventTarget {
  #url;
  #protocols;
  #options;
  #socket = null;
  #attempt = 0;
  #timer = null;
  #stopped = false;

  /**
   * @param {string} url
   * @param {object} [options]
   * @param {string | string[]} [options.protocols] subprotocols to offer
   * @param {number} [options.baseDelayMs] ceiling of the first delay (default 1000)
   * @param {number} [options.maxDelayMs] the ceiling never grows past this (default 30000)
   * @param {() => number} [options.random] a number in [0, 1); tests pass their own
   * @param {(callback: () => void, ms: number) => unknown} [options.setTimer] tests pass their own
   * @param {(timer: unknown) => void} [options.clearTimer]
   */
  constructor(url, options = {}) {
    super();
    this.#url = url;
    this.#protocols = options.protocols ?? [];
    this.#options = {
      baseDelayMs: options.baseDelayMs ?? 1000,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      random: options.random ?? Math.random,
      setTimer: options.setTimer ?? ((callback, ms) => setTimeout(callback, ms)),
      clearTimer: options.clearTimer ?? ((timer) => clearTimeout(timer)),
    };
    this.#connect();
  }

  /** True while a connection is open. Messages are not queued while reconnecting: the caller decides what to resend. */
  get connected() {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  /** Sends on the open connection; returns false, and sends nothing, while there is none. */
  send(data) {
    if (!this.connected) return false;
    this.#socket.send(data);
    return true;
  }

  /** Closes for good: no reconnect after this, including one that is waiting. */
  close(code = 1000, reason = '') {
    this.#stopped = true;
    if (this.#timer !== null) this.#options.clearTimer(this.#timer);
    this.#timer = null;
    this.#socket?.close(code, reason);
  }

  #connect() {
    const socket = new WebSocket(this.#url, this.#protocols);
    this.#socket = socket;
    socket.addEventListener('open', () => {
      // The server is back: the next loss starts again from the smallest delay.
      this.#attempt = 0;
      this.dispatchEvent(new Event('open'));
    });
    socket.addEventListener('message', (event) => {
      this.dispatchEvent(new MessageEvent('message', { data: event.data }));
    });
    // A refused or failed connection fires `error` and then `close`, so `close` alone drives reconnection.
    socket.addEventListener('close', (event) => {
      const { code, reason, wasClean } = event;
      this.dispatchEvent(new CloseEvent('close', { code, reason, wasClean }));
      if (!this.#stopped) this.#scheduleReconnect();
    });
  }

  #scheduleReconnect() {
    const attempt = this.#attempt++;
    const delayMs = backoffDelay(attempt, this.#options);
    this.dispatchEvent(new CustomEvent('reconnecting', { detail: { attempt, delayMs } }));
    this.#timer = this.#options.setTimer(() => {
      this.#timer = null;
      if (!this.#stopped) this.#connect();
    }, delayMs);
  }
}
