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
 * Close codes after which trying again would only be refused again: the server says this client broke the protocol
 * (1002), sent what it cannot take (1003, 1007) or broke its policy (1008, §7.4.1), or the application gave its own
 * reason (4000–4999, §7.4.2), such as "not authenticated".
 */
export function isPermanentClose(code) {
  return [1002, 1003, 1007, 1008].includes(code) || (code >= 4000 && code <= 4999);
}

/**
 * Events: `open`, `message` (with `data`), `close` (with `code`, `reason`, `wasClean`) for every connection;
 * `reconnecting` (with `detail.attempt` and `detail.delayMs`) before each wait; and `stopped` when it gives up for
 * good, with `detail.code` and `detail.reason` after a permanent close, or `detail.error` when a new WebSocket
 * could not even be made. After `close()` there is no `stopped`: the caller knows.
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
   * @param {number} [options.stableAfterMs] a connection that stays open this long resets the delays (default 30000)
   * @param {(code: number) => boolean} [options.isPermanent] close codes not worth retrying (default isPermanentClose)
   * @param {() => number} [options.random] a number in [0, 1); tests pass their own
   * @param {() => number} [options.now] milliseconds on a steady clock; tests may pass their own
   * @param {(callback: () => void, ms: number) => unknown} [options.setTimer] tests pass their own
   * @param {(timer: unknown) => void} [options.clearTimer]
   * @param {(url: string, protocols: string | string[]) => WebSocket} [options.createSocket] tests pass their own
   */
  constructor(url, options = {}) {
    super();
    this.#url = url;
    this.#protocols = options.protocols ?? [];
    this.#options = {
      baseDelayMs: options.baseDelayMs ?? 1000,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      stableAfterMs: options.stableAfterMs ?? 30_000,
      isPermanent: options.isPermanent ?? isPermanentClose,
      random: options.random ?? Math.random,
      now: options.now ?? (() => performance.now()),
      setTimer: options.setTimer ?? ((callback, ms) => setTimeout(callback, ms)),
      clearTimer: options.clearTimer ?? ((timer) => clearTimeout(timer)),
      createSocket: options.createSocket ?? ((socketUrl, protocols) => new WebSocket(socketUrl, protocols)),
    };
    // A URL or subprotocol the constructor refuses throws here, to the caller, since no retry could fix it.
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
    const socket = this.#options.createSocket(this.#url, this.#protocols);
    this.#socket = socket;
    let openedAt = null;
    socket.addEventListener('open', () => {
      openedAt = this.#options.now();
      this.dispatchEvent(new Event('open'));
    });
    socket.addEventListener('message', (event) => {
      this.dispatchEvent(new MessageEvent('message', { data: event.data }));
    });
    // A refused or failed connection fires `error` and then `close`, so `close` alone drives reconnection.
    socket.addEventListener('close', (event) => {
      const { code, reason, wasClean } = event;
      this.dispatchEvent(new CloseEvent('close', { code, reason, wasClean }));
      if (this.#stopped) return;
      if (this.#options.isPermanent(code)) return this.#stop({ code, reason });
      // Only a connection that stayed up a while proves the server is back. One that opens and drops at once (a
      // crash loop, a rejection after open) keeps the delays growing, or every client would return within a second.
      if (openedAt !== null && this.#options.now() - openedAt >= this.#options.stableAfterMs) this.#attempt = 0;
      this.#scheduleReconnect();
    });
  }

  #scheduleReconnect() {
    const attempt = this.#attempt++;
    const delayMs = backoffDelay(attempt, this.#options);
    this.dispatchEvent(new CustomEvent('reconnecting', { detail: { attempt, delayMs } }));
    this.#timer = this.#options.setTimer(() => {
      this.#timer = null;
      if (this.#stopped) return;
      // Thrown inside a timer, this would go uncaught and reconnection would end without a word.
      try {
        this.#connect();
      } catch (error) {
        this.#stop({ error });
      }
    }, delayMs);
  }

  #stop(detail) {
    this.#stopped = true;
    this.dispatchEvent(new CustomEvent('stopped', { detail }));
  }
}
